export * from "./enums";
export * from "./organisation";
export * from "./people";
export * from "./accounts";
export * from "./family";
export * from "./school";
export * from "./ops";
export * from "./imports";
