// The hold and rep timer on an exercise page: a progressive enhancement. The page carries the
// timer inside a <template> (templates/exercises/includes/timer.html), with each goal's plan
// read on the server (exercises/timer.py); without this script readers see nothing of it.
// Time is measured from timestamps, not counted ticks, so a throttled tab stays right.
(function () {
  "use strict";

  var template = document.querySelector("template[data-timer]");
  if (!template || !("content" in template)) {
    return;
  }

  var GET_READY_SECONDS = 5;
  var SWITCH_SIDES_SECONDS = 5;
  var TICK_MS = 200;

  var root = template.content.firstElementChild.cloneNode(true);
  template.parentNode.insertBefore(root, template.nextSibling);

  function part(name) {
    return root.querySelector("[data-timer-" + name + "]");
  }
  var goal = part("goal");
  var setsInput = part("sets");
  var amountInput = part("amount");
  var amountLabel = part("amount-label");
  var restInput = part("rest");
  var summary = part("summary");
  var phase = part("phase");
  var clock = part("clock");
  var progress = part("progress");
  var announcer = part("announce");
  var startButton = part("start");
  var resetButton = part("reset");
  var beepBox = part("beep");
  var vibrateBox = part("vibrate");
  var settingFields = [goal, setsInput, amountInput, restInput];
  var initialPhase = phase.textContent;

  if (navigator.vibrate) {
    part("vibrate-option").hidden = false;
  }

  var run = null; // {steps, index, started, pausedAt, rep, spoken}
  var ticker = null;
  var wakeLock = null;
  var audio = null;

  function now() {
    return window.performance && performance.now ? performance.now() : Date.now();
  }

  function attribute(element, name) {
    var value = element.getAttribute("data-" + name);
    return value === null || value === "" ? null : parseInt(value, 10);
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function duration(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function spokenDuration(seconds) {
    if (seconds < 90) {
      return plural(seconds, "second");
    }
    return "about " + plural(Math.round(seconds / 60), "minute");
  }

  function clamp(input, low, high) {
    var value = parseInt(input.value, 10);
    if (isNaN(value)) {
      value = low;
    }
    return Math.min(high, Math.max(low, value));
  }

  function chosen() {
    return goal.options[goal.selectedIndex];
  }

  function range(option, name, unit) {
    var low = attribute(option, name);
    var high = attribute(option, name + "-max");
    return (high && high !== low ? low + "–" + high : String(low)) + unit;
  }

  // The goal's plan as the guide gives it, then as the reader has set it.
  function settings() {
    var option = chosen();
    var hold = option.hasAttribute("data-hold");
    return {
      hold: hold,
      sets: clamp(setsInput, 1, 10),
      amount: clamp(amountInput, 1, hold ? 600 : 100),
      rest: clamp(restInput, 0, 600),
      tempo: attribute(option, "tempo") || 3,
      side: option.getAttribute("data-side") || ""
    };
  }

  function steps(plan) {
    var list = [{ kind: "ready", seconds: GET_READY_SECONDS }];
    var sides = plan.side ? ["left " + plan.side, "right " + plan.side] : [""];
    for (var set = 1; set <= plan.sets; set += 1) {
      for (var i = 0; i < sides.length; i += 1) {
        if (i > 0) {
          list.push({ kind: "switch", seconds: SWITCH_SIDES_SECONDS, side: sides[i] });
        }
        list.push({
          kind: plan.hold ? "hold" : "reps",
          seconds: plan.hold ? plan.amount : plan.amount * plan.tempo,
          reps: plan.hold ? 0 : plan.amount,
          tempo: plan.tempo,
          set: set,
          sets: plan.sets,
          side: sides[i]
        });
      }
      if (set < plan.sets && plan.rest > 0) {
        list.push({ kind: "rest", seconds: plan.rest, next: set + 1, sets: plan.sets });
      }
    }
    return list;
  }

  function describe() {
    var option = chosen();
    var plan = settings();
    var each = plan.side ? " on each " + plan.side : "";
    var work = plan.hold
      ? "a " + plan.amount + "-second hold" + each
      : plural(plan.amount, "rep") + each + ", one about every " + plural(plan.tempo, "second");
    var total = steps(plan).reduce(function (sum, step) { return sum + step.seconds; }, 0);
    summary.textContent =
      plural(plan.sets, "set") + " of " + work +
      (plan.sets > 1 ? ", " + plan.rest + " s rest between sets" : "") +
      ": " + duration(total) + " in all. The guide suggests " +
      range(option, "sets", " sets") + " of " +
      (plan.hold ? range(option, "hold", " s") : range(option, "reps", " reps")) + ".";
    if (!run) {
      clock.textContent = duration(plan.hold ? plan.amount : plan.amount * plan.tempo);
    }
  }

  function loadGoal() {
    var option = chosen();
    var hold = option.hasAttribute("data-hold");
    setsInput.value = attribute(option, "sets");
    amountInput.value = attribute(option, hold ? "hold" : "reps");
    amountInput.max = hold ? 600 : 100;
    amountLabel.textContent = hold ? "Hold (s)" : "Reps";
    restInput.value = attribute(option, "rest");
    describe();
  }

  function announce(text) {
    announcer.textContent = text;
  }

  // Sound: Web Audio tones made here (no sound files), only when the reader asks for them.
  function tone(frequency, seconds) {
    if (!beepBox.checked) {
      return;
    }
    var AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
      return;
    }
    if (!audio) {
      audio = new AudioContext();
    }
    if (audio.state === "suspended") {
      audio.resume();
    }
    var start = audio.currentTime;
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + seconds + 0.05);
  }

  function buzz(pattern) {
    if (vibrateBox.checked && navigator.vibrate) {
      navigator.vibrate(pattern);
    }
  }

  // A phone's screen stays on while the timer runs (where the browser allows it).
  function keepScreenOn() {
    if (!navigator.wakeLock || wakeLock || document.visibilityState !== "visible") {
      return;
    }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { /* refused (battery saver): the timer still runs */ });
  }

  function letScreenSleep() {
    if (wakeLock) {
      wakeLock.release().catch(function () {});
      wakeLock = null;
    }
  }

  function whereIn(step) {
    return "Set " + step.set + " of " + step.sets + (step.side ? ", " + step.side : "");
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // A new step begins: say what it is. `late` when the tab caught up after a pause in
  // timers (it was hidden), so only the step the reader is in now makes a sound.
  function enter(step, late) {
    root.setAttribute("data-phase", step.kind);
    var shown;
    var spoken;
    if (step.kind === "ready") {
      shown = "Get ready";
      spoken = "Get ready. Starting in " + plural(step.seconds, "second") + ".";
    } else if (step.kind === "hold") {
      shown = whereIn(step) + ": hold";
      spoken = whereIn(step) + ": hold for " + spokenDuration(step.seconds) + ".";
    } else if (step.kind === "reps") {
      shown = whereIn(step) + ": rep 1 of " + step.reps;
      spoken = whereIn(step) + ": " + plural(step.reps, "rep") + ". Rep 1.";
    } else if (step.kind === "switch") {
      shown = "Switch to the " + step.side;
      spoken = "Switch sides: " + step.side + " in " + plural(step.seconds, "second") + ".";
    } else {
      shown = "Rest. Next: set " + step.next + " of " + step.sets;
      spoken = "Rest for " + spokenDuration(step.seconds) + ".";
    }
    phase.textContent = shown;
    announce(spoken);
    run.rep = 1;
    run.lastSecond = null;
    if (!late) {
      var working = step.kind === "hold" || step.kind === "reps";
      tone(working ? 880 : 523, working ? 0.35 : 0.2);
      buzz(working ? 300 : 120);
    }
  }

  function show(step, elapsed) {
    var remaining = step.seconds - elapsed;
    var second = Math.ceil(remaining);
    clock.textContent = duration(remaining);
    progress.value = Math.min(1, elapsed / step.seconds);
    root.toggleAttribute("data-final", second <= 3 && step.kind !== "reps");
    if (step.kind === "reps") {
      var rep = Math.min(step.reps, Math.floor(elapsed / step.tempo) + 1);
      if (rep !== run.rep) {
        run.rep = rep;
        phase.textContent = whereIn(step) + ": rep " + rep + " of " + step.reps;
        announce(rep === step.reps ? "Rep " + rep + ", the last." : "Rep " + rep + ".");
        tone(660, 0.12);
      }
    } else if (second !== run.lastSecond) {
      run.lastSecond = second;
      if (step.kind === "hold" && second === 10 && step.seconds >= 20) {
        announce("10 seconds left.");
      }
      if (second <= 3 && second >= 1) {
        tone(440, 0.1);
      }
    }
  }

  function tick() {
    if (!run || run.pausedAt !== null) {
      return;
    }
    var step = run.steps[run.index];
    var elapsed = (now() - run.started) / 1000;
    while (elapsed >= step.seconds) {
      run.started += step.seconds * 1000;
      run.index += 1;
      if (run.index >= run.steps.length) {
        finish();
        return;
      }
      step = run.steps[run.index];
      elapsed = (now() - run.started) / 1000;
      enter(step, elapsed >= step.seconds);
    }
    show(step, elapsed);
  }

  function setRunning(running) {
    window.clearInterval(ticker);
    ticker = running ? window.setInterval(tick, TICK_MS) : null;
    if (running) {
      keepScreenOn();
    } else {
      letScreenSleep();
    }
  }

  function lockSettings(locked) {
    settingFields.forEach(function (field) { field.disabled = locked; });
    resetButton.disabled = !locked;
  }

  function start() {
    var plan = settings();
    run = { steps: steps(plan), index: 0, started: now(), pausedAt: null, rep: 1 };
    lockSettings(true);
    startButton.textContent = "Pause";
    enter(run.steps[0], false);
    show(run.steps[0], 0);
    setRunning(true);
  }

  function finish() {
    var sets = settings().sets;
    setRunning(false);
    root.setAttribute("data-phase", "done");
    root.removeAttribute("data-final");
    clock.textContent = duration(0);
    progress.value = 1;
    phase.textContent = "Done: " + plural(sets, "set") + " finished.";
    announce("Done. " + capital(plural(sets, "set")) + " finished. Well done.");
    tone(988, 0.5);
    buzz([200, 100, 200]);
    run = null;
    startButton.textContent = "Start again";
    lockSettings(false);
    resetButton.disabled = true;
  }

  function pauseOrResume() {
    if (run.pausedAt === null) {
      run.pausedAt = now();
      setRunning(false);
      startButton.textContent = "Resume";
      announce("Paused.");
    } else {
      run.started += now() - run.pausedAt;
      run.pausedAt = null;
      startButton.textContent = "Pause";
      announce("Resumed.");
      setRunning(true);
      tick();
    }
  }

  function reset() {
    setRunning(false);
    run = null;
    root.removeAttribute("data-phase");
    root.removeAttribute("data-final");
    progress.value = 0;
    phase.textContent = initialPhase;
    startButton.textContent = "Start";
    lockSettings(false);
    describe();
    announce("Timer reset.");
    startButton.focus();
  }

  startButton.addEventListener("click", function () {
    if (run) {
      pauseOrResume();
    } else {
      start();
    }
  });
  resetButton.addEventListener("click", reset);
  goal.addEventListener("change", loadGoal);
  [setsInput, amountInput, restInput].forEach(function (input) {
    input.addEventListener("input", describe);
  });
  beepBox.addEventListener("change", function () {
    tone(660, 0.12); // created inside the click, as browsers require before any sound
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && run && run.pausedAt === null) {
      keepScreenOn();
      tick();
    }
  });

  loadGoal();
})();
