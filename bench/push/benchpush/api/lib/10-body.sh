echo "api up since $(cat /proc/uptime)"
