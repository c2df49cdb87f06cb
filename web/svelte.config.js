// Every component is written in runes mode (Svelte 5), so the compiler is told to expect nothing else.
export default { compilerOptions: { runes: true } };
