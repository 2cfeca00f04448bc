-- wrk script: POST a case-converter call with the key from $KEY (none for the baseline),
-- then print one machine-readable line: requests/s, p50 ms, p99 ms, non-2xx, requests.
wrk.method = "POST"
wrk.body = '{"text":"hello world from the benchmark","to":"camel"}'
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.3f %.3f %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx, summary.requests))
end
