# Cron triggers -> Resource Scheduler entries. Crons in the manifest are in
# America/New_York; Resource Scheduler documents no time zone argument, so the
# hour field is shifted by var.schedule_utc_offset_hours. Sub-hourly cadence is
# not documented for Resource Scheduler: with strategy "hourly_fanout" a minute
# field such as "*/15" becomes one hourly schedule per minute (0, 15, 30, 45).

locals {
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
  # A shift across midnight would move the day too; refuse it when the day
  # fields are restricted instead of silently running on the wrong day.
  day_shift = {
    for name, c in local.cron_fields : name => !local.hour_ok[name] ? false : c[1] == "*" ? false : anytrue([
      for h in split(",", c[1]) : tonumber(h) - var.schedule_utc_offset_hours >= 24 || tonumber(h) - var.schedule_utc_offset_hours < 0
    ]) && (c[2] != "*" || c[4] != "*")
  }
  unsupported_crons = [
    for name, c in local.cron_fields : name
    if !local.minute_ok[name] || !local.hour_ok[name] || local.day_shift[name]
  ]
  supported = { for name, c in local.cron_fields : name => c if !contains(local.unsupported_crons, name) }

  utc_hours = {
    for name, c in local.supported : name => c[1] == "*" ? "*" : join(",", [
      for h in split(",", c[1]) : tostring((tonumber(h) - var.schedule_utc_offset_hours + 24) % 24)
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

  schedules = merge([
    for name, c in local.supported : {
      for m in local.minutes[name] :
      (length(local.minutes[name]) == 1 ? name : "${name}@${m}") => {
        function = name
        cron     = join(" ", [m, local.utc_hours[name], c[2], c[3], c[4]])
        source   = local.schedule_functions[name].trigger.cron
      }
    }
  ]...)
}
