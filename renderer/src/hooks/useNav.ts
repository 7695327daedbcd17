// Page navigation inside the shell: which page is shown and its parameters (e.g. the subject of 主体画像), so any
// page can open another one: const nav = useNav(); nav.go('profile', { uscc }).
import { createContext, useContext } from 'react';

export type NavParams = Record<string, string | undefined>;

export interface Nav {
  page: string;
  params: NavParams;
  go(page: string, params?: NavParams): void;
}

export const NavContext = createContext<Nav>({ page: 'overview', params: {}, go: () => undefined });

export function useNav(): Nav {
  return useContext(NavContext);
}
