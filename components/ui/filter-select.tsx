/** One filter of a GET form: a labelled select, with "all" first when the filter may be left empty. */
export function FilterSelect(p: {
  id: string;
  name: string;
  label: string;
  value: string;
  all?: string;
  options: readonly { value: string; label: string }[];
  /** The select fills its grid cell (the student list's filters). */
  fullWidth?: boolean;
}) {
  return (
    <div>
      <label htmlFor={p.id} className="block text-sm font-medium">
        {p.label}
      </label>
      <select id={p.id} name={p.name} defaultValue={p.value} className={`mt-1 ${p.fullWidth ? "w-full " : ""}rounded border border-gray-500 px-2 py-1.5`}>
        {p.all ? <option value="">{p.all}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
