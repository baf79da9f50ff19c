// Fake keys made at test time from a seeded generator, so no key-shaped string is stored in the
// repo's extension sources or ends up in the .vsix. They have the providers' exact shapes.
function generator(seed) {
  let state = seed >>> 0;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return (length) => Array.from({ length }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return alphabet[(state >>> 16) % alphabet.length];
  }).join("");
}

/** An OpenAI project key: `sk-proj-`, 74 characters, the `T3BlbkFJ` marker, 74 characters. */
export function openaiKey(seed = 7) {
  const random = generator(seed);
  return `sk-proj-${random(74)}T3BlbkFJ${random(74)}`;
}

/** An Anthropic key: `sk-ant-api03-`, 93 characters, `AA`. */
export function anthropicKey(seed = 11) {
  return `sk-ant-api03-${generator(seed)(93)}AA`;
}
