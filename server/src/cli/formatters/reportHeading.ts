/** How a command names its report, for the formats people read: markdown's heading, JUnit's test names. */
export interface ReportHeading {
  /** `event-design: compatibility against origin/main`. */
  title: string;
  /** What an error finding is to this command, singular: `compatibility break`, `error`. */
  errorNoun: string;
}
