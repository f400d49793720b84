/**
 * Whether the viewer asked the system for less motion. Read at the moment of use,
 * so a change in system settings applies to the next transition.
 *
 * @example
 * if (!prefersReducedMotion()) startTransition();
 */
export function prefersReducedMotion(win: Window = window): boolean {
  return typeof win.matchMedia === 'function' && win.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
