/** Stakeholder groups by position in the session's list; distinguishable, and calm next to text. */
export const GROUP_COLORS = [
  '#2f6f9f',
  '#c0702a',
  '#3f8a5a',
  '#8a5aa8',
  '#b5484f',
  '#6b7a89',
  '#1f8a8a',
  '#a08a2a',
  '#5a6ad0',
  '#c25a9a',
  '#4a7a2a',
  '#7a5a3a',
];

export function groupColor(index: number): string {
  return GROUP_COLORS[index % GROUP_COLORS.length]!;
}
