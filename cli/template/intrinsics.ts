// CloudFormation intrinsic functions, resolved as far as the template and the user's parameter
// values allow. What only deploy time knows (a resource's attribute, an import, a parameter
// without a value) becomes an unresolved marker such as ⟨GetAtt Key.Arn⟩: a present value, so
// presence checks pass, and one a check that compares it will name in its annotation.
// Functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// Pseudo parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
// Every intrinsic function evaluated spends from one budget per template (./limits.ts): a
// self-referencing FindInMap or Mappings that double at each level stop with exit 2, not a crash.
// Names come from the template (Mappings, Parameters, Conditions) or the user's values: read as
// own properties only (rules/_core/own.ts).
import { isUnresolved, unresolved } from '../../rules/_core/before-deploy.js';
import { dictionary, hasOwn, own } from '../../rules/_core/own.js';
import { enterIntrinsic, type ExpansionBudget, expansionBudget, leaveIntrinsic, spendText } from './limits.js';
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
  /** What the template's intrinsic functions may still spend; shared by every resolver of one template. */
  budget?: ExpansionBudget;
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
  const budget = options.budget ?? expansionBudget('template');
  const undecided = new Set<string>();
  const deciding = new Set<string>();

  function ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const given = own(parameters, name);
    if (given !== undefined) {
      const declared = own(template.Parameters, name);
      const value = given;
      // List parameters arrive comma-separated, as CloudFormation takes them.
      return declared?.Type?.startsWith('List<') || declared?.Type === 'CommaDelimitedList'
        ? value.split(',').map((s) => s.trim())
        : value;
    }
    const declared = own(template.Parameters, name);
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
    return spendText(
      budget,
      'Fn::Sub',
      format.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
        if (bang) return `\${${name}}`;
        if (hasOwn(vars, name)) return text(resolve(own(vars, name)));
        return text(name.includes('.') && !name.startsWith('AWS::') ? getAtt(name) : ref(name));
      }),
    );
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
      return conditionOf(own(template.Conditions, name));
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
    enterIntrinsic(budget, key);
    try {
      return evaluate(key, args);
    } finally {
      leaveIntrinsic(budget);
    }
  }

  function evaluate(key: string, args: unknown): unknown {
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
          ? spendText(budget, key, parts.map(text).join(typeof delimiter === 'string' ? delimiter : ''))
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
        return typeof value === 'string'
          ? spendText(budget, key, Buffer.from(value, 'utf8').toString('base64'))
          : unresolved('Base64');
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = Array.isArray(args) ? args.map(resolve) : [];
        const found =
          typeof map === 'string' && typeof top === 'string' && typeof second === 'string'
            ? own(own(own(template.Mappings, map), top), second)
            : undefined;
        return found === undefined ? unresolved(`FindInMap ${text(map)}.${text(top)}.${text(second)}`) : resolve(found);
      }
      case 'Fn::ToJsonString':
        return spendText(budget, key, JSON.stringify(resolve(args)));
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
    // No prototype: a key `__proto__` from the template stays a key.
    const out = dictionary<unknown>();
    for (const [k, v] of Object.entries(value)) {
      const r = resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  return { resolve, condition, undecided };
}
