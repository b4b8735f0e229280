import type { CheckReport } from '../report';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { ReportHeading } from './reportHeading';

export type { ReportHeading } from './reportHeading';

/** Every report format, for every command that reports findings (check, contracts, diff). */
export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'markdown', 'junit', 'github', 'gitlab'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];


/**
 * The report in one format. GitHub and GitLab place findings by paths relative to the repository
 * they checked out (GITHUB_WORKSPACE, CI_PROJECT_DIR), which need not be the current folder.
 */
export function formatReport(report: CheckReport, format: OutputFormat, options: { color: boolean; heading: ReportHeading }): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, options.color);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report, options.heading);
    case 'junit':
      return formatJunit(report, options.heading);
    case 'github':
      return formatGithub({ ...report, cwd: process.env.GITHUB_WORKSPACE || report.cwd });
    case 'gitlab':
      return formatGitlab({ ...report, cwd: process.env.CI_PROJECT_DIR || report.cwd });
  }
}
