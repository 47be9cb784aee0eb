// Placeholder while the module is being built; replaced by the realisation dashboard.
export function RealisasiPage() {
  return null;
}
