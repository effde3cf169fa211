"""gunicorn reads this file from the working directory: access lines carry the request id too."""

accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms [%({x-request-id}o)s]'
