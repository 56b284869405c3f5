// The one place `any` is written under rules/ (the lint forbids it everywhere else there), for two
// reasons the type system cannot express otherwise:
//  - a configuration item is JSON of many shapes; the fields a rule reads are validated against its
//    resource type's schema (schemas/) before `evaluate` runs, so a rule reads them as plain JSON;
//  - the registry holds rules with different parameter schemas, and `evaluate` takes its parameters
//    as an argument (contravariant), so no parameter type is a supertype of them all.
// biome-ignore lint/suspicious/noExplicitAny: the documented exception above
export type Loose = any;
