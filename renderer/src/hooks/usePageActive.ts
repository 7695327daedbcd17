// Pages the shell keeps mounted while hidden (so their state — a query, a filter, a scrolled grid — survives a
// page switch) learn here whether they are on screen, to refresh their data when shown again.
import { createContext, useContext, useEffect, useRef } from 'react';

export const PageActiveContext = createContext(true);

export function usePageActive(): boolean {
  return useContext(PageActiveContext);
}

/** Calls fn each time the page is shown again (not on the first showing). */
export function useOnReshow(fn: () => void): void {
  const active = usePageActive();
  const was = useRef(active);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    if (active && !was.current) fnRef.current();
    was.current = active;
  }, [active]);
}
