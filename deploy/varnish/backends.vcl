# StretchSite behind Varnish: what differs from one deployment to the next. default.vcl
# includes this file; copy both to /etc/varnish/ and edit this one (docs/deploy.md).

import directors;

# /healthz answers 200 while an app server can serve pages and 503 when its database is
# away (within two seconds); the Host must be one of DJANGO_ALLOWED_HOSTS.
probe healthz {
    .request =
        "GET /healthz HTTP/1.1"
        "Host: stretch.example"
        "User-Agent: Varnish health probe"
        "Connection: close";
    .interval = 2s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
}

# Every app server (gunicorn). Readers' requests get a shorter first-byte timeout in
# default.vcl; this one is for editors, whose saves may take longer.
backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
}

# Who may purge: the app servers (they send PURGE and BAN after every edit and deploy).
acl purgers {
    "127.0.0.1";
    "10.0.0.11";
    "10.0.0.12";
}
