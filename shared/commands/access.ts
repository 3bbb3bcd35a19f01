import type { Phase } from '../domain/enums.ts';

/**
 * When a command may be offered: the phases it is accepted in and, for some, the timer's state.
 * The server derives one of these per command from the command table and sends each client the
 * ones for its role (`accessFor`), so a console offers exactly what the server would accept and no
 * client keeps a copy of the rules. Data only: this file has no schemas and no decisions in it.
 */
export interface AccessRule {
  phases: readonly Phase[];
  timer?: readonly ('idle' | 'running' | 'paused')[];
}

/** A role's rules, by command name. */
export type Access = Readonly<Record<string, AccessRule>>;

export function allows(rule: AccessRule | undefined, phase: Phase, timer: 'idle' | 'running' | 'paused'): boolean {
  return rule !== undefined && rule.phases.includes(phase) && (!rule.timer || rule.timer.includes(timer));
}
