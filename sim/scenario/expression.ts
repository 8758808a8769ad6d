/**
 * Expressions in scenario files ("300 MW", "45 USD/MWh * (1 + 0.02 * years)"), parsed by mathjs and
 * checked against an allow-list before they are compiled: numbers, units, the named variables,
 * arithmetic, comparisons, conditionals and scalar functions. Everything else — assignment,
 * property access, matrices, function definitions, blocks — is refused, so an untrusted file can
 * neither reach the JS runtime nor build something large.
 */
import type { MathNode } from 'mathjs';
import { echo } from '../core/echo.js';
import { mathjs, parseExpression } from './units.js';

/** Longer expressions are refused: nobody writes a 500-character quantity by hand. */
export const MAX_EXPRESSION_LENGTH = 500;

const SCALAR_FUNCTIONS = new Set([
  'abs', 'sqrt', 'cbrt', 'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'pow', 'min', 'max', 'floor', 'ceil',
  'round', 'sign', 'sin', 'cos', 'tan', 'atan', 'tanh', 'mod', 'hypot',
]);
const CONSTANTS = new Set(['pi', 'e', 'true', 'false']);
const OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'mod',
  'smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal', 'and', 'or', 'not', 'to',
]);

export interface CompiledExpression {
  readonly text: string;
  /** True when the expression names none of the variables: evaluate it once. */
  readonly constant: boolean;
  /** The variables it names. */
  readonly uses: readonly string[];
  evaluate(scope?: Record<string, number>): unknown;
}

/** Parses and vets `text`; throws an Error whose message says what is not allowed. */
export function compileExpression(text: string, variables: readonly string[] = []): CompiledExpression {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new Error(`expression is ${text.length} characters long (at most ${MAX_EXPRESSION_LENGTH})`);
  }
  let node: MathNode;
  try {
    // A YAML block scalar (`|`) ends in a line break, which mathjs would read as a second statement.
    node = parseExpression(text.trim());
  } catch (e) {
    const lineBreak = text.trim().includes('\n') ? " (a line break ends an expression: write it on one line, or fold it with '>-')" : '';
    throw new Error(`cannot parse '${echo(text.trim())}': ${(e as Error).message}${lineBreak}`);
  }
  const allowedVariables = new Set(variables);
  const uses = new Set<string>();
  /** A name of time ('years', 't') read as the unit, where this input cannot vary with time. */
  let timeAsUnit: string | undefined;
  node.traverse((n: MathNode, path: string, parent: MathNode | null) => {
    switch (n.type) {
      case 'ConstantNode':
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      case 'OperatorNode': {
        const fn = (n as unknown as { fn: string }).fn;
        if (!OPERATORS.has(fn)) throw new Error(`operator '${(n as unknown as { op: string }).op}' is not allowed`);
        return;
      }
      case 'FunctionNode': {
        const fn = (n as unknown as { fn: MathNode }).fn;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
        if (!SCALAR_FUNCTIONS.has(name)) {
          throw new Error(`function '${echo(name || fn.toString())}' is not allowed (allowed: ${[...SCALAR_FUNCTIONS].join(', ')})`);
        }
        return;
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (parent?.type === 'FunctionNode' && path === 'fn') return; // the function's own name, checked above
        if (allowedVariables.has(name)) {
          uses.add(name);
          return;
        }
        if (TIME_NAMES.includes(name) && mathjs().Unit.isValuelessUnit(name)) timeAsUnit ??= name;
        if (CONSTANTS.has(name) || mathjs().Unit.isValuelessUnit(name)) return;
        const hint = variables.length ? ` (variables here: ${variables.join(', ')})` : '';
        throw new Error(`unknown name '${echo(name)}': not a unit, a constant or a variable${hint}`);
      }
      case 'BlockNode':
        throw new Error(`'${echo(text.trim())}' is more than one expression (separated by ';' or a line break)`);
      default:
        throw new Error(`${n.type.replace(/Node$/, '').replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()} expressions are not allowed`);
    }
  });
  const code = node.compile();
  const hint = timeAsUnit ? ` ('${echo(timeAsUnit)}' here is the unit, not the time: this input cannot vary with time)` : '';
  return {
    text,
    constant: uses.size === 0,
    uses: [...uses],
    evaluate: (scope = {}) => {
      try {
        return code.evaluate({ ...scope });
      } catch (e) {
        throw new Error(`cannot evaluate '${echo(text.trim())}': ${explainMathError((e as Error).message)}${hint}`);
      }
    },
  };
}

const TIME_NAMES = ['t', 'years'];

/** mathjs's evaluation errors in the words of a scenario file. */
function explainMathError(message: string): string {
  if (message.startsWith('Units do not match')) return 'it adds, subtracts or compares quantities of different kinds (units do not match)';
  const m = /^Unexpected type of argument in function (\w+) \(.*actual: (Unit|number)\b/.exec(message);
  if (!m) return message;
  if (/^(add|subtract|smaller|larger|equal|unequal|compare)/.test(m[1])) return 'it adds, subtracts or compares a plain number and a quantity with a unit';
  return `function '${echo(m[1])}' cannot take ${m[2] === 'Unit' ? 'a quantity with a unit' : 'a plain number'} here`;
}
