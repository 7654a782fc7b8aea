import { PageHeading } from '../../components/page-heading';

interface PlaceholderScreenProps {
  title: string;
  /** One honest sentence about what this screen will hold once it is built. */
  sentence: string;
}

export function PlaceholderScreen({ title, sentence }: PlaceholderScreenProps) {
  return (
    <>
      <PageHeading title={title} />
      <p>{sentence}</p>
      <p className="muted">This part of Outside In is not built yet.</p>
    </>
  );
}

/** Screens not built yet, by path: each shows its title and one honest sentence. */
export const PLACEHOLDERS: Record<string, { title: string; sentence: string }> = {};
