import * as time from '../go/time.js';
import { wildcardMatch } from './kyverno/wildcard.js';
import { expectString } from './values.js';
/** A Kyverno function whose arguments are all strings. */
function overStrings(jp, names, run) {
    return {
        jp,
        jsonata: jp.replace(/_(\w)/g, (_, letter) => letter.toUpperCase()),
        args: names.map((name) => ({ name, types: ['string'] })),
        impl: (args, env) => run(names.map((name, i) => expectString(args[i], name)), env),
    };
}
export const kyvernoJsonataFunctions = [
    overStrings('wildcard', ['pattern', 'name'], ([pattern, name]) => wildcardMatch(pattern, name)),
    overStrings('time_now', [], (_, env) => time.timeNow(env.now())),
    overStrings('time_now_utc', [], (_, env) => time.timeNow(env.now())),
    overStrings('time_since', ['layout', 'start', 'end'], ([layout, start, end], env) => time.timeSince(layout, start, end, env.now())),
    overStrings('time_parse', ['layout', 'time'], ([layout, value]) => time.timeParse(layout, value)),
    overStrings('time_add', ['time', 'duration'], ([value, duration]) => time.timeAdd(value, duration)),
    overStrings('time_utc', ['time'], ([value]) => time.timeUtc(value)),
    overStrings('time_diff', ['start', 'end'], ([start, end]) => time.timeDiff(start, end)),
    overStrings('time_before', ['a', 'b'], ([a, b]) => time.timeBefore(a, b)),
    overStrings('time_after', ['a', 'b'], ([a, b]) => time.timeAfter(a, b)),
    overStrings('time_between', ['time', 'start', 'end'], ([value, start, end]) => time.timeBetween(value, start, end)),
    overStrings('time_truncate', ['time', 'duration'], ([value, duration]) => time.timeTruncate(value, duration)),
    overStrings('time_to_cron', ['time'], ([value]) => time.timeToCron(value)),
];
//# sourceMappingURL=kyverno-jsonata.js.map