export * from "./runner-scaling";
