// Names of the resources a part of the deploy creates (the rule pack's functions, roles, rules):
// `<part>-<bare name>`, so that two MlConfigRules components in one stack never register two
// resources of one type and name. Each keeps an alias to its bare name: with the alias its part
// gets in a stack deployed before the component (stack-urns.ts), Pulumi finds the resource's old
// URN and updates it in place instead of replacing it
// (https://www.pulumi.com/docs/iac/concepts/options/aliases/).
import type * as pulumi from '@pulumi/pulumi';

const partNames = new WeakMap<pulumi.Resource, string>();

/** Name what `part` creates under `name` (called by the part's constructor). */
export function nameChildrenOf(part: pulumi.Resource, name: string): void {
  partNames.set(part, name);
}

const partOf = (opts: pulumi.CustomResourceOptions) => (opts.parent ? partNames.get(opts.parent) : undefined);

/** The name of a child of `opts.parent` whose bare name is `bare`. */
export function childName(bare: string, opts: pulumi.CustomResourceOptions): string {
  const part = partOf(opts);
  return part === undefined ? bare : `${part}-${bare}`;
}

/** `opts`, with the alias to the bare name where the child is named under its part. */
export function childOptions<O extends pulumi.CustomResourceOptions>(bare: string, opts: O): O {
  return partOf(opts) === undefined ? opts : { ...opts, aliases: [...(opts.aliases ?? []), { name: bare }] };
}
