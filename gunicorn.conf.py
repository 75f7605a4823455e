"""gunicorn settings. The access log leaves out the client address: none is ever written down."""

import os

accesslog = "-" if os.environ.get("ACCESS_LOG", "1") == "1" else None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
timeout = 30
graceful_timeout = 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Threads let a worker keep serving while another request waits on a slow client or the database.
worker_class = "gthread"
threads = 4
