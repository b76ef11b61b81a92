// Pages format through the one formatter in lib/format.
export { formatCount, formatDate, formatDateTime, formatRate, formatShortDay, formatTime } from "@/lib/format";
