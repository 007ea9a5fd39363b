/**
 * On a phone, the button that folds a block under it (the back office's menu, the inbox's filters):
 * « ▸ label · detail », `aria-expanded`. The block carries `fold-content` and `is-open` when
 * unfolded (styles.css); on a larger screen the button is hidden and the block always shown.
 */
export function FoldToggle({
  open,
  onToggle,
  controls,
  label,
  detail,
  className,
}: {
  open: boolean;
  onToggle: () => void;
  /** The id of the folded block. */
  controls: string;
  label: string;
  /** Said after the label, in a lighter weight: where one is, what is applied. */
  detail?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={className ? `fold-toggle ${className}` : 'fold-toggle'}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <span aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
      {detail && <span className="fold-toggle__detail">{detail}</span>}
    </button>
  );
}
