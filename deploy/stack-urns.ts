// Stacks deployed before the MlConfigRules component held its parts (the recorder, the rules,
// tracking...) at the top of the stack, under their bare names. Inside the component each part is
// its child and named `<component>-<part>`, which is a new URN; without an alias Pulumi would
// replace every resource (https://www.pulumi.com/docs/iac/concepts/options/aliases/). This
// transform gives each direct part of the stack's component an alias to its old name with no
// parent; Pulumi derives the aliases of the parts' own children from their parent's alias when
// their names start with the parent's name, as every child name here does.
import * as pulumi from '@pulumi/pulumi';
import { MlConfigRules } from './component.js';

// A transformation, run by the SDK in this process, rather than a transform, which the engine runs
// and Pulumi's test mocks do not support.
export const keepStackUrns =
  (componentName: string): pulumi.ResourceTransformation =>
  (args) => {
    if (!(args.opts.parent instanceof MlConfigRules)) return undefined;
    const prefix = `${componentName}-`;
    if (!args.name.startsWith(prefix)) return undefined;
    return {
      props: args.props,
      opts: pulumi.mergeOptions(args.opts, {
        aliases: [{ name: args.name.slice(prefix.length), parent: pulumi.rootStackResource }],
      }),
    };
  };
