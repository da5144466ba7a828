import * as fc from "fast-check";
import { Construct } from "constructs";
import { compareTreeOrder, firstInTreeOrder, ScopeIndex } from "../../lib/core/tree-order";

/** Builds a tree from a list of parent indexes (node i's parent is an earlier node). */
function tree(parents: number[]): Construct[] {
  const nodes = [new Construct(undefined as unknown as Construct, "")];
  parents.forEach((p, i) => nodes.push(new Construct(nodes[p % nodes.length], `n${i}`)));
  return nodes;
}

test("compareTreeOrder sorts like a pre-order walk (node.findAll())", () => {
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.nat()), (parents, picks) => {
      const nodes = tree(parents);
      const walk = nodes[0].node.findAll();
      const chosen = [...new Set(picks.map((i) => nodes[i % nodes.length]))];
      const expected = walk.filter((c) => chosen.includes(c as Construct));
      expect([...chosen].sort(compareTreeOrder)).toEqual(expected);
      expect(firstInTreeOrder(chosen)).toBe(expected[0]);
    }),
  );
});

test("a later-created construct earlier in the tree comes first", () => {
  const root = new Construct(undefined as unknown as Construct, "");
  const x = new Construct(root, "x");
  const y = new Construct(root, "y");
  const inY = new Construct(y, "a");
  const inX = new Construct(x, "a");
  expect(firstInTreeOrder([inY, inX])).toBe(inX);
  expect(compareTreeOrder(x, inX)).toBeLessThan(0); // an ancestor first
});

test("ScopeIndex keeps constructs per scope and key, in creation order", () => {
  const root = new Construct(undefined as unknown as Construct, "");
  const other = new Construct(undefined as unknown as Construct, "");
  const index = new ScopeIndex<Construct>();
  const [a, b, c] = ["a", "b", "c"].map((id) => new Construct(root, id));
  index.add(root, "k", a);
  index.add(root, "j", b);
  index.add(root, "k", c);
  expect(index.get(root, "k")).toEqual([a, c]);
  expect(index.get(other, "k")).toEqual([]);
  expect(index.all(root)).toEqual([a, c, b]);
});
