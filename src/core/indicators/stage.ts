/**
 * One step of a streaming calculation, fed one input per bar.
 *
 * `commit = false` previews the forming bar: it returns exactly what a commit of the same input
 * would return, but leaves the state untouched, so any number of previews followed by one commit
 * ends in the same state as the commit alone. Composite indicators pass the flag down to every
 * stage they use, which is what makes `replace` exact for all of them.
 */
export interface Stage<In = number, Out = number> {
  update(input: In, commit: boolean): Out | null;
}
