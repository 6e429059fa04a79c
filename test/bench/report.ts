/** One line of the results table. */
export interface Row {
  figure: string;
  value: string;
  target: string;
  pass: boolean;
}

/** Print the machine, the table (figure, measured, target, pass/miss) and the notes. */
export function printReport(report: {
  /** First line; default: the live-transcript benchmark. */
  title?: string;
  /** How the figures were measured; default: the browser harness's method. */
  method?: string[];
  machine: string;
  rows: Row[];
  info: string[];
  seconds: number;
}): void {
  const header = { figure: 'figure', value: 'measured', target: 'target', result: 'result' };
  const lines = report.rows.map((row) => ({ ...row, result: row.pass ? 'pass' : 'MISS' }));
  const width = (key: keyof typeof header) =>
    Math.max(header[key].length, ...lines.map((line) => line[key].length));
  const widths = {
    figure: width('figure'),
    value: width('value'),
    target: width('target'),
    result: width('result'),
  };
  const format = (line: typeof header) =>
    `| ${line.figure.padEnd(widths.figure)} | ${line.value.padEnd(widths.value)} | ${line.target.padEnd(widths.target)} | ${line.result.padEnd(widths.result)} |`;
  const out = [
    report.title ?? 'Parley live-transcript benchmark',
    `machine: ${report.machine}`,
    ...(report.method ?? [
      'method: browser harness (real main services, production renderer build, mock LLM over HTTP,',
      '  Anthropic format). Times from a Chrome trace of the page (every main-thread task, as',
      '  DevTools records them); latency from main’s fetch body to the page’s first paint showing',
      '  each «n» marker, clocks aligned by round trip. Details: test/bench/README.md.',
    ]),
    '',
    format(header),
    `|${'-'.repeat(widths.figure + 2)}|${'-'.repeat(widths.value + 2)}|${'-'.repeat(widths.target + 2)}|${'-'.repeat(widths.result + 2)}|`,
    ...lines.map((line) => format(line)),
    '',
    ...report.info.map((line) => `- ${line}`),
    '',
    `${lines.filter((line) => line.result === 'MISS').length} of ${lines.length} targets missed; ran in ${report.seconds.toFixed(0)} s.`,
  ];
  console.log(out.join('\n'));
}
