// Placeholder until the foundation lands: creates nothing.
export default async function globalSetup(): Promise<void> {}
