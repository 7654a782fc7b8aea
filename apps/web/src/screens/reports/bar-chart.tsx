/** One kind of figure in a chart: its name for the key and the CSS class that colours its bars. */
export interface BarSeries {
  name: string;
  tone: 'accent' | 'problem' | 'muted';
}

/** One line of the chart: the row's label, one value per series (stacked in series order), the figures in words. */
export interface BarRow {
  key: string;
  label: string;
  values: number[];
  inWords: string;
}

const WIDTH = 1000;

/**
 * Plain horizontal bars, stacked when there are several series, each line with its label above and its figures
 * in words beside it, so colour never carries the meaning alone. The chart is hidden from assistive technology
 * (aria-hidden): the table beneath holds the same figures and is the accessible source. Each bar is an SVG that
 * stretches to the width available, so the chart works at 320 px.
 */
export function BarChart({ title, series, rows }: { title: string; series: BarSeries[]; rows: BarRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((sum, v) => sum + v, 0)));
  return (
    <div className="bar-chart" aria-hidden="true" data-testid="bar-chart">
      <p className="bar-chart__title">{title}</p>
      {series.length > 1 && (
        <ul className="bar-chart__key">
          {series.map((s) => (
            <li key={s.name}>
              <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
                <rect width="14" height="14" className={`bar-chart__bar--${s.tone}`} />
              </svg>{' '}
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <ul className="bar-chart__rows">
        {rows.map((row) => (
          <li key={row.key}>
            <span className="bar-chart__label">{row.label}</span>
            <span className="bar-chart__line">
              <svg
                className="bar-chart__svg"
                viewBox={`0 0 ${WIDTH} 20`}
                preserveAspectRatio="none"
                focusable="false"
              >
                {segments(row.values, max).map((s, index) =>
                  s.width > 0 ? (
                    <rect
                      key={series[index]?.name ?? index}
                      x={s.x}
                      width={s.width}
                      height="20"
                      className={`bar-chart__bar--${series[index]?.tone ?? 'accent'}`}
                    />
                  ) : null,
                )}
              </svg>
              <span className="bar-chart__figures">{row.inWords}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where each stacked segment starts and how wide it is, on a scale where the longest line is the full width. */
export function segments(values: number[], max: number): Array<{ x: number; width: number }> {
  let x = 0;
  return values.map((value) => {
    const width = (Math.max(0, value) / max) * WIDTH;
    const segment = { x, width };
    x += width;
    return segment;
  });
}
