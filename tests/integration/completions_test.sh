#!/usr/bin/env bash
# The shell completions of mountctl against a real broker (socket holder): bash completes
# commands, options, list's filter and the mount names the broker reports (also through
# --socket); zsh parses its file and its mount-name helper lists the same names.
. "$(dirname "$0")/lib.sh"
mb_setup
write_config '[[mount]]' 'name = "alpha"' 'type = "command"' "mountpoint = \"$T/mnt/a\"" \
  'command = ["true", "{mountpoint}"]' 'auto_mount = false' \
  '[[mount]]' 'name = "beta"' 'type = "command"' "mountpoint = \"$T/mnt/b\"" \
  'command = ["true", "{mountpoint}"]' 'auto_mount = false'
start_holder
BASH_COMPLETION=$MB_SRC/completions/mountctl.bash
ZSH_COMPLETION=$MB_SRC/completions/_mountctl

# complete WORDS...: what bash offers for the last word (an empty one for "after a space").
complete_bash() {
  PATH="$MB_BIN:$PATH" bash -c '
    . "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _mountctl; [ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
    _ "$BASH_COMPLETION" "$@"
}

assert_eq "$(complete_bash mountctl st)" "status " "a command"
assert_eq "$(complete_bash mountctl u)" "umount unmount " "the umount alias"
assert_eq "$(complete_bash mountctl status "")" "alpha beta " "mount names for status"
assert_eq "$(complete_bash mountctl --json probe b)" "beta " "mount names after a global option"
assert_eq "$(MOUNT_BROKER_SOCKET=$T/none.sock complete_bash mountctl --socket "$SOCK" mount "")" "alpha beta " \
  "mount names through --socket"
assert_eq "$(complete_bash mountctl list "")" "mounted " "list's filter"
assert_contains "$(complete_bash mountctl unmount --)" "--all --connect-timeout --force" "unmount's options"
assert_eq "$(MOUNT_BROKER_SOCKET=$T/none.sock complete_bash mountctl status "")" "" "no broker: no names, no error"
ok "bash: commands, the umount alias, options, list's filter, mount names from the broker (also via --socket)"

# Every command mountctl --help lists is offered, by bash and in the zsh file.
help_commands=$("$MOUNTCTL" --help | awk 'tolower($0) ~ /^subcommands:/ {on = 1; next} on && /^[^ ]/ {on = 0} on && NF {sub(/,$/, "", $1); print $1}')
[ "$(wc -w <<<"$help_commands")" -ge 12 ] || fail "could not read the commands from mountctl --help"
offered=" $(complete_bash mountctl "")"
for c in $help_commands; do
  assert_contains "$offered" " $c " "bash offers the command $c"
  grep -q "^ *'$c:" "$ZSH_COMPLETION" || fail "the zsh completion does not offer the command $c"
done
ok "bash and zsh offer every command of mountctl --help ($(echo $help_commands))"

if ! command -v zsh >/dev/null; then
  echo "SKIP: zsh is not installed (scripts/install-deps.sh installs it)"
  exit 0
fi
zsh -n "$ZSH_COMPLETION" || fail "the zsh completion does not parse"
names=$(PATH="$MB_BIN:$PATH" zsh -fc '
  typeset -A opt_args; opt_args[--socket]=$1
  _describe() { print -rl -- ${(P)${argv[-1]}}; }
  eval "$(sed -n "/^_mountctl_mounts()/,/^}/p" "$2")"
  _mountctl_mounts' _ "$SOCK" "$ZSH_COMPLETION" | tr '\n' ' ')
assert_eq "$names" "alpha beta " "zsh mount names"
grep -q '^#compdef mountctl$' "$ZSH_COMPLETION" || fail "no #compdef line"
ok "zsh: the completion parses and lists the broker's mount names"
