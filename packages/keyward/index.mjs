// Node, ESM: the same instance as `require('keyward')`.
import keyward from './index.cjs';

export const { scan, Scanner, rules, redact, precompile, init, initSync } = keyward;
export default keyward.init;
