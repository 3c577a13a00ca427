package pe.centinela.core.features;

/**
 * Transactions of one key as (time, id fingerprint) pairs sorted by time, oldest first. They arrive almost in time
 * order, so adding is an append; a late one is inserted in place. Counting those in windows ending together is a binary search a window, and one for their end.
 */
final class TimedIds {

    /** No time: an entry not held, or a time not known. */
    static final long ABSENT = Long.MIN_VALUE;

    private long[] times = new long[4];
    private long[] ids = new long[4];
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    long oldestTime() {
        return times[head];
    }

    void add(long time, long id) {
        if (tail == times.length) {
            makeRoom();
        }
        int at = tail;
        while (at > head && times[at - 1] > time) {
            at--;
        }
        System.arraycopy(times, at, times, at + 1, tail - at);
        System.arraycopy(ids, at, ids, at + 1, tail - at);
        times[at] = time;
        ids[at] = id;
        tail++;
    }

    /** For each of {@code spans}, how many have a time in (end − span, end], into {@code into}: the search for {@code end} done once. */
    void countWindows(long end, long[] spans, long[] into) {
        int last = firstAfter(end);
        for (int w = 0; w < spans.length; w++) {
            into[w] = Math.max(0, last - firstAfter(end - spans[w]));
        }
    }

    /** The time of the entry with this id, or {@link #ABSENT}; a time of {@link #ABSENT} searches every entry. */
    long timeOf(long time, long id) {
        int at = indexOf(time, id);
        return at < 0 ? ABSENT : times[at];
    }

    /** Removes (time, id) if held. */
    boolean remove(long time, long id) {
        int at = indexOf(time, id);
        if (at < 0) {
            return false;
        }
        System.arraycopy(times, at + 1, times, at, tail - at - 1);
        System.arraycopy(ids, at + 1, ids, at, tail - at - 1);
        tail--;
        return true;
    }

    /** Drops every entry with a time at or before {@code cutoff}; returns how many. */
    int dropUpTo(long cutoff) {
        int end = firstAfter(cutoff);
        int dropped = end - head;
        head = end;
        return dropped;
    }

    /** Drops the oldest entry; returns its time. */
    long dropOldest() {
        return times[head++];
    }

    private int indexOf(long time, long id) {
        int from = time == ABSENT ? head : firstAfter(time - 1);
        int to = time == ABSENT ? tail : firstAfter(time);
        for (int i = from; i < to; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first entry with a time after {@code time}. */
    private int firstAfter(long time) {
        if (head == tail || times[head] > time) {
            return head; // the oldest window's start, once older entries are dropped
        }
        if (times[tail - 1] <= time) {
            return tail;
        }
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void makeRoom() {
        int size = size();
        if (size <= times.length / 2) {
            System.arraycopy(times, head, times, 0, size);
            System.arraycopy(ids, head, ids, 0, size);
        } else {
            long[] newTimes = new long[times.length * 2];
            long[] newIds = new long[times.length * 2];
            System.arraycopy(times, head, newTimes, 0, size);
            System.arraycopy(ids, head, newIds, 0, size);
            times = newTimes;
            ids = newIds;
        }
        head = 0;
        tail = size;
    }
}
