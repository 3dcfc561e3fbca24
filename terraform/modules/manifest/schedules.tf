# Cron triggers -> Resource Scheduler schedules. Crons in the manifest are in
# America/New_York, which is UTC-5 in winter and UTC-4 in summer; Resource
# Scheduler documents no time zone argument. So an hour-restricted cron is
# scheduled at both candidate UTC hours, and the job acts only on the run whose
# New York hour the cron names (fittrack.http.schedule_window): DST-correct all
# year. Sub-hourly cadence is not documented for Resource Scheduler: with
# strategy "hourly_fanout" a minute field such as "*/15" becomes one hourly cron
# per minute (0, 15, 30, 45). Every function with the same UTC cron shares one
# schedule (several resources per schedule), so the every-minute jobs need 60
# schedules in all, not 60 each.

locals {
  et_utc_offsets = [-5, -4] # EST, EDT

  cron_fields = {
    for name, f in local.schedule_functions :
    name => [for part in split(" ", trimspace(f.trigger.cron)) : part if part != ""]
  }

  minute_ok = {
    for name, c in local.cron_fields : name => length(c) != 5 ? false : (
      c[0] == "*" ||
      (startswith(c[0], "*/") && can(tonumber(trimprefix(c[0], "*/")))) ||
      alltrue([for m in split(",", c[0]) : can(tonumber(m))])
    )
  }
  hour_ok = {
    for name, c in local.cron_fields : name => length(c) != 5 ? false : (
      c[1] == "*" || alltrue([for h in split(",", c[1]) : can(tonumber(h))])
    )
  }
  # UTC hours each New York hour may fall on, for the hour-restricted crons.
  utc_candidates = {
    for name, c in local.cron_fields : name => !local.hour_ok[name] || c[1] == "*" ? [] : flatten([
      for h in split(",", c[1]) : [for offset in local.et_utc_offsets : tonumber(h) - offset]
    ])
  }
  # A candidate past midnight UTC would move the day too; refuse it when the day
  # fields are restricted instead of silently running on the wrong day.
  day_shift = {
    for name, c in local.cron_fields : name => length(c) != 5 ? false : (
      anytrue([for h in local.utc_candidates[name] : h >= 24]) && (c[2] != "*" || c[4] != "*")
    )
  }
  unsupported_crons = [
    for name, c in local.cron_fields : name
    if !local.minute_ok[name] || !local.hour_ok[name] || local.day_shift[name]
  ]
  supported = { for name, c in local.cron_fields : name => c if !contains(local.unsupported_crons, name) }

  utc_hours = {
    for name, c in local.supported : name => c[1] == "*" ? "*" : join(",", [
      for h in range(0, 24) : tostring(h) if contains([for u in local.utc_candidates[name] : u % 24], h)
    ])
  }
  minutes = {
    for name, c in local.supported : name => (
      var.schedule_strategy == "native" ? [c[0]] :
      c[0] == "*" ? [for m in range(0, 60) : tostring(m)] :
      startswith(c[0], "*/") ? [for m in range(0, 60, tonumber(trimprefix(c[0], "*/"))) : tostring(m)] :
      [for m in split(",", c[0]) : tostring(tonumber(m))]
    )
  }
  too_many = [for name, ms in local.minutes : name if length(ms) > var.max_schedules_per_function]

  runs = flatten([
    for name, c in local.supported : [
      for m in local.minutes[name] : {
        function = name
        cron     = join(" ", [m, local.utc_hours[name], c[2], c[3], c[4]])
        source   = local.schedule_functions[name].trigger.cron
      }
    ]
  ])
  runs_by_cron = { for r in local.runs : r.cron => r... }

  # One schedule per distinct UTC cron, keyed by that cron.
  schedules = {
    for cron, runs in local.runs_by_cron : cron => {
      name      = replace(replace(replace(cron, "*", "x"), ",", "_"), " ", "-")
      functions = sort(distinct([for r in runs : r.function]))
      sources   = { for r in runs : r.function => r.source }
    }
  }
}
