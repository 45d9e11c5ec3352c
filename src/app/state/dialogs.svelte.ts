/** Every dialog of the desk; one is open at a time. */
export type DialogId =
  | 'settings'
  | 'history'
  | 'instruments'
  | 'add-indicator'
  | 'indicators'
  | 'shortcuts'
  | 'menu'
  | 'layouts'
  | 'alerts'
  | 'library';

export class Dialogs {
  open = $state<DialogId | null>(null);

  show(id: DialogId): void {
    this.open = id;
  }

  close(): void {
    this.open = null;
  }
}
