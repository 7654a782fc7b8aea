import { useId, useState } from 'react';

interface CopySecretProps {
  label: string;
  value: string;
}

/** A read-only box holding a link or token that is shown once, with a Copy button beside it. */
export function CopySecret({ label, value }: CopySecretProps) {
  const id = useId();
  const [result, setResult] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setResult('Copied.');
    } catch {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.select();
      setResult('Your browser did not let us copy. The text is selected: press Control and C to copy it.');
    }
  }

  return (
    <div className="copy-secret">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-secret__row">
        <input
          id={id}
          className="input input--full input--code"
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          spellCheck={false}
        />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="copy-secret__result">
        {result}
      </p>
    </div>
  );
}
