import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { organisationApi } from '../../api/endpoints';
import type { Member, Role } from '../../api/types';
import { messageOf } from '../../components/error-summary';
import { ROLE_LABELS } from '../../components/format';
import { roleOptions } from '../../components/roles';
import { VisuallyHidden } from '../../components/visually-hidden';

interface MemberRowProps {
  member: Member;
  isSelf: boolean;
  myRole: Role;
  manage: boolean;
  orgId: string;
  organisationName: string;
  joined: string;
  onRoleChanged: (member: Member) => void;
  onRemoved: () => void;
}

export function MemberRow(props: MemberRowProps) {
  const { member, isSelf, myRole, manage, joined } = props;
  // Admins cannot change owners, and nobody changes their own role from this table.
  const editable = manage && !isSelf && (myRole === 'owner' || member.role !== 'owner');
  return (
    <tr>
      <th scope="row">
        {member.name}
        {isSelf && <span className="muted"> (you)</span>}
      </th>
      <td className="break-anywhere">{member.email}</td>
      <td>{editable ? <RoleForm {...props} /> : ROLE_LABELS[member.role]}</td>
      <td>{joined}</td>
      {manage && (
        <td>
          {editable ? (
            <RemoveControl {...props} />
          ) : (
            <span className="muted">{isSelf ? 'This is you' : 'Only an owner can remove an owner'}</span>
          )}
        </td>
      )}
    </tr>
  );
}

function RoleForm({ member, myRole, orgId, onRoleChanged }: MemberRowProps) {
  const selectId = useId();
  const errorId = useId();
  const [role, setRole] = useState<Role>(member.role);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const options = roleOptions(myRole);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    if (role === member.role) {
      setProblem(`${member.name} already has this role. Choose a different one.`);
      return;
    }
    setBusy(true);
    try {
      onRoleChanged(await organisationApi.changeRole(orgId, member.userId, role));
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={selectId} className="visually-hidden">
        Role for {member.name}
      </label>
      <select
        id={selectId}
        className="select select--compact"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        aria-describedby={problem ? errorId : undefined}
        aria-invalid={problem ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--secondary button--compact" disabled={busy}>
        Change role<VisuallyHidden> for {member.name}</VisuallyHidden>
      </button>
      {problem && (
        <p className="field__error" id={errorId} role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function RemoveControl({ member, orgId, organisationName, onRemoved }: MemberRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function remove() {
    setBusy(true);
    setProblem('');
    try {
      await organisationApi.removeMember(orgId, member.userId);
      onRemoved();
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button
        ref={askRef}
        type="button"
        className="button button--warning button--compact"
        onClick={() => setConfirming(true)}
      >
        Remove<VisuallyHidden> {member.name}</VisuallyHidden>
      </button>
    );
  }
  return (
    <div className="confirm">
      <p>
        Remove {member.name} from {organisationName}? They will lose access straight away.
      </p>
      <div className="button-row">
        <button
          ref={confirmRef}
          type="button"
          className="button button--warning button--compact"
          disabled={busy}
          onClick={() => void remove()}
        >
          Yes, remove {member.name}
        </button>
        <button
          type="button"
          className="button button--secondary button--compact"
          onClick={() => setConfirming(false)}
        >
          Keep {member.name}
        </button>
      </div>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
