// Placeholder while the module is being built; replaced by the programmes list.
export function ProgramsPage() {
  return null;
}
