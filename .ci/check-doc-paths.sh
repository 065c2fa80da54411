#!/usr/bin/env bash
# Checks the documentation references of the code and the docs:
#  - every path under docs/ named in Sources/, Tests/, Benchmarks/ (not their .build* folders), docs/,
#    README.md and .ci/ exists in the repository, and no bare README-<name>.md file name is named
#    unless such a file exists (they were renamed to docs/<name>.md);
#  - no citation of the old outline by section number remains (its numbers are not ours): the code
#    cites docs/model.md by section sign and number instead;
#  - every such citation of docs/model.md (a section or subsection number after the section sign,
#    also in lists and ranges such as "§2.1, §2.3" or "§1-§3"), and every bare section-sign citation
#    inside docs/model.md itself, names a numbered heading of docs/model.md ("## 4. One draw",
#    "### 4.2 Tipping-point seat").
# Exits 1 listing file:line and the problem; prints the number of references checked on success.
# Needs only bash, grep, sed and awk.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C  # byte-wise matching: the section sign and dashes are matched as UTF-8 bytes

model=docs/model.md
targets=()
for t in Sources Tests Benchmarks docs README.md .ci; do
  if [ -e "$t" ]; then targets+=("$t"); fi
done
scan() { grep -rnIoE --exclude-dir='.build*' "$@" "${targets[@]}" || true; }

failures=0
checked=0
fail() { echo "$1" >&2; failures=$((failures + 1)); }
strip() { sed -E 's/[][)(.,;:`'"'"'"!?>}]+$//'; }

# 1. docs/ paths (not part of a longer path or a URL), and bare README-<name>.md names.
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; ref=${rest#*:}
  ref=$(printf '%s' "$ref" | sed -E 's/^[^A-Za-z0-9_./-]//' | strip)
  checked=$((checked + 1))
  if [ ! -e "$ref" ]; then fail "$file:$line: names $ref, which does not exist"; fi
done < <(scan -e '(^|[^A-Za-z0-9_./-])docs/[A-Za-z0-9_./-]*[A-Za-z0-9_/-]')

while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; ref=${rest#*:}
  ref=$(printf '%s' "$ref" | sed -E 's/^.*(README-)/\1/' | strip)
  checked=$((checked + 1))
  if [ ! -e "$ref" ] && [ ! -e "docs/$ref" ] && [ ! -e "$(dirname "$file")/$ref" ]; then
    fail "$file:$line: names $ref, which does not exist (the docs are docs/<name>.md)"
  fi
done < <(scan -e '(^|[^A-Za-z0-9_./-])README-[A-Za-z0-9_-]+\.md')

# 2. Citations of the old outline by section ("MODEL" + ".md section 3", "sections 1-3", ", units",
#    "'s covariance"), also when the line breaks between the file name and the word, and the old
#    wording of docs/model.md citations (its name, then the word "section" and a number).
old_cite='MODEL\.md,? sections? [0-9]|MODEL\.md, units|MODEL\.md'"'"'s |model\.md`? sections? [0-9]'
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
  checked=$((checked + 1))
  fail "$file:$line: old citation '$text': cite $model §N instead"
done < <(scan -e "$old_cite")
while IFS= read -r file; do
  while IFS= read -r hit; do
    checked=$((checked + 1))
    fail "$hit: old citation split over two lines: cite $model §N instead"
  done < <(awk -v f="$file" 'prev && /^[[:space:]]*(\/\/\/?|#|\*)?[[:space:]]*sections? [0-9]/ { print f ":" NR - 1 }
                            { prev = ($0 ~ /MODEL\.md[[:space:]]*$/) }' "$file")
done < <(grep -rlIE --exclude-dir='.build*' 'MODEL\.md[[:space:]]*$' "${targets[@]}" || true)

# 3. Section citations of docs/model.md name a numbered heading.
if [ -f "$model" ]; then
  headings=" $(grep -E '^#{2,6} [0-9]+(\.[0-9]+)*\.? ' "$model" | awk '{ sub(/\.$/, "", $2); printf "%s ", $2 }')"
else
  headings=" "
fi
check_sections() {  # file line text-holding-the-citation
  local n
  for n in $(printf '%s\n' "$3" | grep -oE '§[0-9]+(\.[0-9]+)*' | sed 's/^§//'); do
    checked=$((checked + 1))
    case "$headings" in
      *" $n "*) ;;
      *) fail "$1:$2: cites $model §$n, which is not a heading of $model" ;;
    esac
  done
}
list='§[0-9]+(\.[0-9]+)*((, | and | or |-|–|—)§[0-9]+(\.[0-9]+)*)*'
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}
  check_sections "$file" "$line" "${rest#*:}"
done < <(scan -e "model\\.md\`?\\)? ?$list")
if [ -f "$model" ]; then  # bare citations inside docs/model.md (those after its name are checked above)
  while IFS= read -r hit; do
    check_sections "$model" "${hit%%:*}" "$(printf '%s\n' "${hit#*:}" | sed -E "s/model\\.md\`?\\)? ?$list//g")"
  done < <(grep -nE '§[0-9]' "$model" || true)
fi

if [ "$failures" -gt 0 ]; then
  echo "doc paths: FAILED ($failures of $checked references)" >&2
  exit 1
fi
echo "doc paths: OK ($checked references checked)"
