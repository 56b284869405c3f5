// CloudFormation intrinsic functions, resolved as far as the template and the user's parameter
// values allow. What only deploy time knows (a resource's attribute, an import, a parameter
// without a value) becomes an unresolved marker such as ⟨GetAtt Key.Arn⟩: a present value, so
// presence checks pass, and one a check that compares it will name in its annotation.
// Functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// Pseudo parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
import { isUnresolved, unresolved } from '../../rules/_core/before-deploy.js';
import type { Template } from './parse.js';

/** `Ref AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

export interface Resolver {
  resolve(value: unknown): unknown;
  /** A named condition: true, false, or undefined when the parameters given do not decide it. */
  condition(name: string): boolean | undefined;
  /** Conditions an `Fn::If` met undecided (each then took its assumed or true branch). */
  readonly undecided: Set<string>;
}

export interface ResolverOptions {
  template: Template;
  /** Parameter and pseudo-parameter values (`AWS::AccountId`, `AWS::Region`...), from --parameters. */
  parameters: Record<string, string>;
  /** Undecided conditions taken as true or false, to judge each branch of an `Fn::If`. */
  assumed?: ReadonlyMap<string, boolean>;
  /** What `Ref` and `Fn::GetAtt` of a resource of the template give, when it is known before deploy. */
  refOf?: (logicalId: string) => string | undefined;
  getAttOf?: (logicalId: string, attribute: string) => string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : unresolved(JSON.stringify(v));

export function createResolver(options: ResolverOptions): Resolver {
  const { template, parameters } = options;
  const undecided = new Set<string>();
  const deciding = new Set<string>();

  function ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in parameters) {
      const declared = template.Parameters?.[name];
      const value = parameters[name]!;
      // List parameters arrive comma-separated, as CloudFormation takes them.
      return declared?.Type?.startsWith('List<') || declared?.Type === 'CommaDelimitedList'
        ? value.split(',').map((s) => s.trim())
        : value;
    }
    const declared = template.Parameters?.[name];
    if (declared) {
      const list = declared.Type?.startsWith('List<') || declared.Type === 'CommaDelimitedList';
      return list ? [unresolved(`Ref ${name}`)] : unresolved(`Ref ${name}`);
    }
    return options.refOf?.(name) ?? unresolved(`Ref ${name}`);
  }

  function getAtt(args: unknown): unknown {
    const [id, attr] =
      typeof args === 'string'
        ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)]
        : Array.isArray(args)
          ? args.map(resolve)
          : [];
    if (typeof id !== 'string' || typeof attr !== 'string') return unresolved(`GetAtt ${JSON.stringify(args)}`);
    return options.getAttOf?.(id, attr) ?? unresolved(`GetAtt ${id}.${attr}`);
  }

  function sub(args: unknown): unknown {
    const [format, vars] = Array.isArray(args) ? [args[0], isObject(args[1]) ? args[1] : {}] : [args, {}];
    if (typeof format !== 'string') return unresolved('Sub');
    // ${!Literal} writes ${Literal}; ${Name} and ${Resource.Attribute} are substituted.
    return format.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (name in vars) return text(resolve(vars[name]));
      return text(name.includes('.') && !name.startsWith('AWS::') ? getAtt(name) : ref(name));
    });
  }

  function conditionOf(expression: unknown): boolean | undefined {
    if (!isObject(expression)) return typeof expression === 'boolean' ? expression : undefined;
    const [key, args] = Object.entries(expression)[0] ?? [];
    const list = Array.isArray(args) ? args : [];
    switch (key) {
      case 'Condition':
        return typeof args === 'string' ? condition(args) : undefined;
      case 'Fn::Equals': {
        const [a, b] = list.map(resolve);
        if (isUnresolved(JSON.stringify(a)) || isUnresolved(JSON.stringify(b))) return undefined;
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not': {
        const inner = conditionOf(list[0]);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = list.map(conditionOf);
        const decisive = key !== 'Fn::And';
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      default:
        return undefined;
    }
  }

  function condition(name: string): boolean | undefined {
    if (options.assumed?.has(name)) return options.assumed.get(name);
    if (deciding.has(name)) return undefined;
    deciding.add(name);
    try {
      return conditionOf(template.Conditions?.[name]);
    } finally {
      deciding.delete(name);
    }
  }

  function fnIf(args: unknown): unknown {
    if (!Array.isArray(args) || typeof args[0] !== 'string') return unresolved('If');
    let holds = condition(args[0]);
    if (holds === undefined) {
      undecided.add(args[0]);
      holds = true;
    }
    return resolve(holds ? args[1] : args[2]);
  }

  function intrinsic(key: string, args: unknown): unknown {
    switch (key) {
      case 'Ref':
        return typeof args === 'string' ? ref(args) : unresolved('Ref');
      case 'Fn::GetAtt':
        return getAtt(args);
      case 'Fn::Sub':
        return sub(args);
      case 'Fn::If':
        return fnIf(args);
      case 'Fn::Join': {
        const [delimiter, parts] = Array.isArray(args) ? [args[0], resolve(args[1])] : [];
        return Array.isArray(parts)
          ? parts.map(text).join(typeof delimiter === 'string' ? delimiter : '')
          : unresolved('Join');
      }
      case 'Fn::Select': {
        const [index, list] = Array.isArray(args) ? [resolve(args[0]), resolve(args[1])] : [];
        const i = Number(index);
        return Array.isArray(list) && Number.isInteger(i) && !list.some(isUnresolved) ? list[i] : unresolved('Select');
      }
      case 'Fn::Split': {
        const [delimiter, source] = Array.isArray(args) ? [args[0], resolve(args[1])] : [];
        return typeof source === 'string' && typeof delimiter === 'string' && !isUnresolved(source)
          ? source.split(delimiter)
          : [unresolved('Split')];
      }
      case 'Fn::Base64': {
        const value = resolve(args);
        return typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : unresolved('Base64');
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = Array.isArray(args) ? args.map(resolve) : [];
        const found =
          typeof map === 'string' && typeof top === 'string' && typeof second === 'string'
            ? template.Mappings?.[map]?.[top]?.[second]
            : undefined;
        return found === undefined ? unresolved(`FindInMap ${text(map)}.${text(top)}.${text(second)}`) : resolve(found);
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(resolve(args));
      case 'Fn::ImportValue':
        return unresolved(`ImportValue ${text(resolve(args))}`);
      case 'Fn::GetAZs':
      case 'Fn::Cidr':
        return [unresolved(key.slice(4))];
      default:
        return unresolved(key.replace(/^Fn::/, ''));
    }
  }

  function resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(resolve).filter((v) => v !== NO_VALUE);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::')))
      return intrinsic(keys[0]!, value[keys[0]!]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  return { resolve, condition, undecided };
}
