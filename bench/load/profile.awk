# Reads `jfr print --events jdk.ExecutionSample --stack-depth 256` (in UTC) and prints, for each category, the share
# of Payara's CPU samples whose stack contains it (a sample can count in several categories), one "share<TAB>name".
# The library's classes match with or without the "internal." of their packages (they moved there after the first
# runs). Only samples between t0 and t1 (milliseconds since midnight UTC; t1 < t0 when the window crosses midnight)
# count.
function flush() {
  if (!started || !inside) return
  total++
  for (k in seen) count[k]++
  delete seen
}
/^jdk\.ExecutionSample/ { flush(); delete seen; started = 1; inside = 0 }
/^ +startTime = / {
  split($3, hms, ":")
  t = ((hms[1] * 60 + hms[2]) * 60 + hms[3]) * 1000
  inside = (t0 <= t1) ? (t >= t0 && t <= t1) : (t >= t0 || t <= t1)
}
/^ +[a-zA-Z].*\(/ {
  f = $1
  if (f ~ /captchagate\.trustcaptcha\.(internal\.)?client\.RestApiCall\.fetch/) seen["result call (RestApiCall: REST client, HTTP, JSON-B)"] = 1
  if (f ~ /glassfish\.jersey\.microprofile\.restclient/) seen["  MicroProfile REST Client proxy (Jersey)"] = 1
  if (f ~ /HttpUrlConnector/) seen["  Jersey HttpUrlConnector (HttpURLConnection)"] = 1
  if (f ~ /sun\.net\.www\.protocol\.http\.HttpURLConnection\.plainConnect/) seen["  opening a new connection (HttpURLConnection.plainConnect)"] = 1
  if (f ~ /JaxrsClientRequestTelemetryFilter|telemetry/) seen["  Payara MicroProfile Telemetry client filter"] = 1
  if (f ~ /captchagate\.trustcaptcha\.(internal\.)?client\.ResultJson\.parse/) seen["  binding the result (JSON-B, Yasson)"] = 1
  if (f ~ /captchagate\.trustcaptcha\.(internal\.)?replay/) seen["replay store (claim, release)"] = 1
  if (f ~ /hazelcast/) seen["Hazelcast (Payara's JCache: its own threads)"] = 1
  if (f ~ /captchagate\.trustcaptcha\.TrustCaptchaFilter\.doFilter/) seen["TrustCaptchaFilter.doFilter (on the HTTP thread)"] = 1
  if (f ~ /captchagate\.trustcaptcha\.(internal\.)?filter\.DecisionPublisher/) seen["decision events (CDI)"] = 1
  if (f ~ /captchagate\.trustcaptcha\.(internal\.)?client\.(CircuitBreaker|[A-Za-z]*Limit)/) seen["concurrency limit and circuit breaker"] = 1
  if (f ~ /VendorServlet/) seen["VendorServlet (inline HttpURLConnection)"] = 1
  if (f ~ /JdkClientServlet|jdk\.internal\.net\.http/) seen["java.net.http.HttpClient"] = 1
  if (f ~ /java\.util\.logging|LogRecord/) seen["logging"] = 1
}
END {
  flush()
  if (total == 0) total = 1
  for (k in count) printf "%.1f\t%s\n", 100 * count[k] / total, k
  printf "%d\tsamples\n", total
}
