# bash completion for mountctl: commands, options, and the names of the managed mounts (asked
# of the broker with `mountctl list`, which starts it on demand, bounded to 1 s).
# Installed as share/bash-completion/completions/mountctl.

_mountctl_mounts() {
  local -a socket=()
  [ -n "$1" ] && socket=(--socket "$1")
  command mountctl "${socket[@]}" --connect-timeout 1 list 2>/dev/null
}

_mountctl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="status list mlist version reload mount unmount umount probe sweep setup doctor monitor metrics"
  local globals="--socket --json --connect-timeout --version --help"
  local i cmd="" socket=""
  # The command is the first word that is neither an option nor an option's value.
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
    --socket) socket=${COMP_WORDS[i + 1]}; ((i++)) ;;
    --socket=*) socket=${COMP_WORDS[i]#--socket=} ;;
    --connect-timeout | --timeout | --config) ((i++)) ;;
    -*) ;;
    *) [ -z "$cmd" ] && cmd=${COMP_WORDS[i]} ;;
    esac
  done
  case $prev in
  --socket | --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  --connect-timeout | --timeout) COMPREPLY=(); return ;;
  esac
  if [ -z "$cmd" ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return
  fi
  local opts=""
  case $cmd in
  mount) opts="--wait --timeout" ;;
  unmount | umount) opts="--all --force" ;;
  setup) opts="--stdin --config" ;;
  doctor) opts="--config" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $globals" -- "$cur"))
    return
  fi
  case $cmd in
  status | mount | unmount | umount | probe | setup)
    COMPREPLY=($(compgen -W "$(_mountctl_mounts "$socket")" -- "$cur")) ;;
  list | mlist) COMPREPLY=($(compgen -W "mounted" -- "$cur")) ;;
  esac
}
complete -F _mountctl mountctl
