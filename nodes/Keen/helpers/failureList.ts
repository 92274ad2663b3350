/** How many failures a summary lists before "and N more": the node's item summary and a batch item's event summary alike. */
export const MAX_LISTED_FAILURES = 20;

/** The reasons a summary shows: the first MAX_LISTED_FAILURES, then "and N more" when there are more. */
export function listedFailures(reasons: string[]): string[] {
	const listed = reasons.slice(0, MAX_LISTED_FAILURES);
	if (reasons.length > MAX_LISTED_FAILURES) listed.push(`and ${reasons.length - MAX_LISTED_FAILURES} more`);
	return listed;
}
