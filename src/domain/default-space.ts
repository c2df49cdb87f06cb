// The space every install starts with: API keys made before accounts existed, ORATOR_API_KEY and the
// first user (its owner) all live here.
export const DEFAULT_SPACE = { id: 'space_default', name: 'Default space' } as const;
