#!/bin/bash
# The periodic jobs for the container install (the systemd install uses timers instead):
#   every WATCHDOG_EVERY seconds (300): the imports' watchdog (stuck or orphaned imports are
#     retried or failed visibly, docs/import.md);
#   daily at DAILY_AT (06:00): compliance reminders, the personal data access log purge,
#     old task results;
#   nightly at NIGHTLY_AT (02:30): the indicators' recompute;
#   nightly at BACKUP_AT (01:30): `metodset backup` into DATA_DIR/backups, archives older than
#     BACKUP_KEEP_DAYS (14) deleted; BACKUP_AT=off turns it off.
# Times are local (TZ). A job whose time has passed today when the container starts runs at
# once: each of them may run twice a day without harm. A failed job is logged and retried
# the next day; the loop itself never stops.
set -u
DAILY_AT="${DAILY_AT:-06:00}"
NIGHTLY_AT="${NIGHTLY_AT:-02:30}"
WATCHDOG_EVERY="${WATCHDOG_EVERY:-300}"
BACKUP_AT="${BACKUP_AT:-01:30}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
last_backup=""
last_watchdog=0
last_daily=""
last_nightly=""

run() {
    echo "$(date '+%F %T') scheduler: metodset $*"
    metodset "$@"
    local code=$?
    if (( code != 0 )); then
        echo "$(date '+%F %T') scheduler: metodset $1 failed with code $code"
    fi
}

while true; do
    if (( $(date +%s) - last_watchdog >= WATCHDOG_EVERY )); then
        last_watchdog=$(date +%s)
        run imports_watchdog
    fi
    today=$(date +%F)
    now=$(date +%H:%M)
    if [[ "$BACKUP_AT" != "off" && "$last_backup" != "$today" && ! "$now" < "$BACKUP_AT" ]]; then
        last_backup=$today
        run backup
        find "${DATA_DIR:-/var/lib/metodset}/backups" -name 'metodset-*.tar' \
            -mtime "+$BACKUP_KEEP_DAYS" -delete 2>/dev/null
    fi
    if [[ "$last_nightly" != "$today" && ! "$now" < "$NIGHTLY_AT" ]]; then
        last_nightly=$today
        run indicators_recompute
    fi
    if [[ "$last_daily" != "$today" && ! "$now" < "$DAILY_AT" ]]; then
        last_daily=$today
        run compliance_reminders
        run access_log_purge
        run prune_db_task_results --min-age-days 14
    fi
    sleep 30
done
