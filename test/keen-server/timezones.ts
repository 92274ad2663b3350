/** Named zones offered like Keen's `/timezones` list (docs/keen-api.md §1.1, §7.4). */
const ZONES = [
	'UTC',
	'Etc/UTC',
	'US/Hawaii',
	'US/Alaska',
	'US/Pacific',
	'US/Mountain',
	'US/Arizona',
	'US/Central',
	'US/Eastern',
	'America/Sao_Paulo',
	'Europe/London',
	'Europe/Dublin',
	'Europe/Lisbon',
	'Europe/Paris',
	'Europe/Amsterdam',
	'Europe/Berlin',
	'Europe/Madrid',
	'Europe/Rome',
	'Europe/Athens',
	'Europe/Moscow',
	'Asia/Dubai',
	'Asia/Kolkata',
	'Asia/Shanghai',
	'Asia/Singapore',
	'Asia/Tokyo',
	'Australia/Sydney',
	'Pacific/Auckland',
];

/** Seconds east of UTC for `zone` at `at`, read from Intl's `GMT+hh:mm` rendering. */
function offsetSeconds(zone: string, at: Date): number {
	const label = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
	if (!match) return 0;
	return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

function formatOffset(seconds: number): string {
	const sign = seconds < 0 ? '-' : '+';
	const absolute = Math.abs(seconds);
	return `${sign}${String(Math.floor(absolute / 3600)).padStart(2, '0')}:${String((absolute % 3600) / 60).padStart(2, '0')}`;
}

/** The `/timezones` answer at `at`: offsets follow daylight saving time. */
export function timezoneList(at: Date): { name: string; utc_offset: string; number_of_seconds_to_offset_time: number }[] {
	return ZONES.map((name) => {
		const seconds = offsetSeconds(name, at);
		return { name, utc_offset: formatOffset(seconds), number_of_seconds_to_offset_time: seconds };
	});
}
