import { t } from '../../lib/i18n';

export type Choice = 'auto' | 'agent' | 'human';

export const choiceOf = (value: boolean | null): Choice => (value === null ? 'auto' : value ? 'agent' : 'human');
export const valueOf = (choice: Choice): boolean | null => (choice === 'auto' ? null : choice === 'agent');

interface Props {
  name: string;
  legend: string;
  value: Choice;
  disabled: boolean;
  humanDisabled: boolean;
  onChange(choice: Choice): void;
}

/** A native radio group: arrow keys move between choices, as screen-reader and keyboard users expect. */
export function ChoiceGroup({ name, legend, value, disabled, humanDisabled, onChange }: Props) {
  const choices: Choice[] = ['auto', 'agent', 'human'];
  const label = { auto: t('choiceAuto'), agent: t('choiceAgent'), human: t('choiceHuman') };
  return (
    <fieldset class="choices" disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice}>
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            disabled={choice === 'human' && humanDisabled}
            onChange={() => onChange(choice)}
          />
          {label[choice]}
        </label>
      ))}
    </fieldset>
  );
}
