import { whoCanApprove } from './who-can-approve';

const DEFAULT = {
  rolesRequiringApproval: ['owner', 'admin', 'approver', 'editor'] as const,
  approvalsRequired: 1,
};
const policy = (p: { rolesRequiringApproval: readonly string[]; approvalsRequired: number }) =>
  p as Parameters<typeof whoCanApprove>[0];

describe('whoCanApprove', () => {
  it('lets a sole owner publish directly and says so', () => {
    const answer = whoCanApprove(policy(DEFAULT), { owner: 1 });
    expect(answer).toMatchObject({ count: 1, publishDirectly: ['owner', 'admin'], stuck: [] });
    expect(answer.notice).toMatch(/^Nobody else here can approve posts/);
  });

  it('keeps an editor’s post for the owner: the owner still has nobody else', () => {
    const answer = whoCanApprove(policy(DEFAULT), { owner: 1, editor: 3 });
    expect(answer.publishDirectly).toEqual(['owner', 'admin']);
    expect(answer.stuck).toEqual([]);
  });

  it('needs nothing special once two people can approve', () => {
    expect(whoCanApprove(policy(DEFAULT), { owner: 1, approver: 1, editor: 2 })).toEqual({
      count: 2,
      publishDirectly: [],
      stuck: [],
      notice: null,
    });
  });

  it('names the roles whose posts cannot get the approvals asked for, only when someone has that role', () => {
    const answer = whoCanApprove(policy({ ...DEFAULT, approvalsRequired: 3 }), {
      owner: 1,
      approver: 1,
      editor: 1,
    });
    expect(answer.publishDirectly).toEqual(['owner', 'admin']);
    expect(answer.stuck).toEqual(['approver', 'editor']);
    expect(answer.notice).toContain(
      'Posts by approvers and editors need 3 approvals but only 2 people can approve them, so they wait.',
    );
  });

  it('leaves roles the policy does not name alone', () => {
    expect(
      whoCanApprove(policy({ rolesRequiringApproval: ['editor'], approvalsRequired: 1 }), {
        owner: 1,
        editor: 1,
      }),
    ).toMatchObject({ publishDirectly: [], stuck: [], notice: null });
  });
});
