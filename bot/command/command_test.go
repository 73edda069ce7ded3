package command

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// want is the expected result of a valid line. Terms are compared by
// their String form (regexps are pointers).
type want struct {
	cmd   Command
	terms []string
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name string
		line string
		want want
	}{
		// help and the empty line
		{"empty line", "", want{cmd: Command{Name: "help"}}},
		{"only spaces and tabs", " \t  ", want{cmd: Command{Name: "help"}}},
		{"slack prefix alone", "/brief", want{cmd: Command{Name: "help"}}},
		{"matrix prefix upper with spaces", "  !BRIEF   ", want{cmd: Command{Name: "help"}}},
		{"help", "help", want{cmd: Command{Name: "help"}}},
		{"help upper with command", "HELP latest", want{cmd: Command{Name: "help", Name2: "latest"}}},
		{"help alias is canonical", "help ask", want{cmd: Command{Name: "help", Name2: "search"}}},
		{"help prefixed mixed case", "/Brief help Subscribe", want{cmd: Command{Name: "help", Name2: "subscribe"}}},

		// no-argument commands
		{"topics", "topics", want{cmd: Command{Name: "topics"}}},
		{"topics prefixed upper tabs", "\t/brief\tTOPICS\t", want{cmd: Command{Name: "topics"}}},
		{"status", "status", want{cmd: Command{Name: "status"}}},
		{"status matrix", "!brief status", want{cmd: Command{Name: "status"}}},
		{"subscriptions", "Subscriptions", want{cmd: Command{Name: "subscriptions"}}},

		// sources
		{"sources list", "sources", want{cmd: Command{Name: "sources"}}},
		{"sources add", "sources add https://example.com/feed.xml", want{cmd: Command{Name: "sources", Sub: "add", URL: "https://example.com/feed.xml"}}},
		{"sources add upper http", "/brief SOURCES ADD http://Example.org/RSS?x=1", want{cmd: Command{Name: "sources", Sub: "add", URL: "http://Example.org/RSS?x=1"}}},
		{"sources add slack link", "sources add <https://example.com/rss|example.com/rss>", want{cmd: Command{Name: "sources", Sub: "add", URL: "https://example.com/rss"}}},
		{"sources add slack bare link", "sources add <https://example.com/rss>", want{cmd: Command{Name: "sources", Sub: "add", URL: "https://example.com/rss"}}},
		{"sources remove", "sources remove BBC", want{cmd: Command{Name: "sources", Sub: "remove", Source: "BBC"}}},
		{"sources remove quoted", `sources remove "Kyiv Independent"`, want{cmd: Command{Name: "sources", Sub: "remove", Source: "Kyiv Independent"}}},
		{"sources remove smart quotes", "sources Remove “Kyiv Independent”", want{cmd: Command{Name: "sources", Sub: "remove", Source: "Kyiv Independent"}}},
		{"sources remove source prefix", "sources remove source:BBC", want{cmd: Command{Name: "sources", Sub: "remove", Source: "BBC"}}},
		{"sources remove cyrillic", "sources remove 'Українська правда'", want{cmd: Command{Name: "sources", Sub: "remove", Source: "Українська правда"}}},

		// latest
		{"latest default", "latest", want{cmd: Command{Name: "latest", N: 5}}},
		{"latest lone number is N", "latest 10", want{cmd: Command{Name: "latest", N: 10}}},
		{"latest bounds low", "latest 1", want{cmd: Command{Name: "latest", N: 1}}},
		{"latest bounds high", "latest 50", want{cmd: Command{Name: "latest", N: 50}}},
		{"latest plus sign", "latest +7", want{cmd: Command{Name: "latest", N: 7}}},
		{"latest topic", "latest border-developments", want{cmd: Command{Name: "latest", Topic: "border-developments", N: 5}}},
		{"latest topic and N, case kept, extra space", "  LATEST   Alliance-Statements \t 20 ", want{cmd: Command{Name: "latest", Topic: "Alliance-Statements", N: 20}}},
		{"latest quoted number is a topic", `latest "2024"`, want{cmd: Command{Name: "latest", Topic: "2024", N: 5}}},
		{"latest quoted topic with space", `latest "border developments" 3`, want{cmd: Command{Name: "latest", Topic: "border developments", N: 3}}},
		{"latest cyrillic topic", "!brief latest кордон 2", want{cmd: Command{Name: "latest", Topic: "кордон", N: 2}}},

		// search
		{"search cyrillic", "search Белгород дрон", want{cmd: Command{Name: "search", Words: []string{"Белгород", "дрон"}}}},
		{"ask alias", "ask Kursk", want{cmd: Command{Name: "search", Words: []string{"Kursk"}}}},
		{"ask upper prefixed", "/brief ASK what happened in Sumy", want{cmd: Command{Name: "search", Words: []string{"what", "happened", "in", "Sumy"}}}},
		{"search quoted phrase", `search "border crossing" Kursk`, want{cmd: Command{Name: "search", Words: []string{"border crossing", "Kursk"}}}},
		{"search smart double quotes", "search “border crossing”", want{cmd: Command{Name: "search", Words: []string{"border crossing"}}}},
		{"search smart single quotes", "search ‘drone strike’ Sumy", want{cmd: Command{Name: "search", Words: []string{"drone strike", "Sumy"}}}},
		{"search apostrophes kept", "search Kyiv’s mayor don't м'ясо", want{cmd: Command{Name: "search", Words: []string{"Kyiv’s", "mayor", "don't", "м'ясо"}}}},
		{"search keeps case and punctuation", "search NATO's G7?", want{cmd: Command{Name: "search", Words: []string{"NATO's", "G7?"}}}},
		{"search drops empty quotes", `search "" Kharkiv`, want{cmd: Command{Name: "search", Words: []string{"Kharkiv"}}}},
		{"search non-breaking space separates", "search\u00a0Суми\u00a0дрон", want{cmd: Command{Name: "search", Words: []string{"Суми", "дрон"}}}},

		// story
		{"story", "story s1a2b3c4d5e", want{cmd: Command{Name: "story", ID: "s1a2b3c4d5e"}}},
		{"story case kept", "STORY S1A2_b-3", want{cmd: Command{Name: "story", ID: "S1A2_b-3"}}},

		// subscribe
		{"subscribe topic", "subscribe border-developments", want{cmd: Command{Name: "subscribe", Topic: "border-developments"}}},
		{"subscribe source with schedule", "subscribe source:BBC daily 08:00", want{cmd: Command{Name: "subscribe", Source: "BBC", Words: []string{"daily", "08:00"}}}},
		{"subscribe source prefix any case", "subscribe Source:BBC", want{cmd: Command{Name: "subscribe", Source: "BBC"}}},
		{"subscribe quoted source name", `subscribe source:"Kyiv Independent" weekly`, want{cmd: Command{Name: "subscribe", Source: "Kyiv Independent", Words: []string{"weekly"}}}},
		{"subscribe quoted whole source", `subscribe "source:Kyiv Independent"`, want{cmd: Command{Name: "subscribe", Source: "Kyiv Independent"}}},
		{"subscribe smart quoted source", "subscribe source:“Kyiv Independent” hourly", want{cmd: Command{Name: "subscribe", Source: "Kyiv Independent", Words: []string{"hourly"}}}},
		{"subscribe single quoted source", "subscribe source:'Kyiv Independent'", want{cmd: Command{Name: "subscribe", Source: "Kyiv Independent"}}},
		{"subscribe cron schedule", `subscribe alliance-statements cron "0 8 * * 1-5" Europe/Kyiv`, want{cmd: Command{Name: "subscribe", Topic: "alliance-statements", Words: []string{"cron", "0 8 * * 1-5", "Europe/Kyiv"}}}},
		{"subscribe cron smart quotes", "subscribe x cron “0 8 * * *”", want{cmd: Command{Name: "subscribe", Topic: "x", Words: []string{"cron", "0 8 * * *"}}}},
		{"subscribe schedule and backfill", "subscribe x daily 07:30 backfill 10", want{cmd: Command{Name: "subscribe", Topic: "x", N: 10, Words: []string{"daily", "07:30"}}}},
		{"subscribe backfill only", "/brief SUBSCRIBE x BACKFILL 3", want{cmd: Command{Name: "subscribe", Topic: "x", N: 3}}},
		{"subscribe quoted backfill is a schedule word", `subscribe x every "backfill" hour`, want{cmd: Command{Name: "subscribe", Topic: "x", Words: []string{"every", "backfill", "hour"}}}},
		{"subscribe cyrillic topic and schedule", "subscribe кордон щодня 09:00", want{cmd: Command{Name: "subscribe", Topic: "кордон", Words: []string{"щодня", "09:00"}}}},

		// unsubscribe, subscriptions, resume
		{"unsubscribe all", "unsubscribe all", want{cmd: Command{Name: "unsubscribe", All: true}}},
		{"unsubscribe ALL", "Unsubscribe ALL", want{cmd: Command{Name: "unsubscribe", All: true}}},
		{"unsubscribe quoted all is a topic", `unsubscribe "all"`, want{cmd: Command{Name: "unsubscribe", Topic: "all"}}},
		{"unsubscribe topic", "unsubscribe world", want{cmd: Command{Name: "unsubscribe", Topic: "world"}}},
		{"unsubscribe source", `unsubscribe source:"Kyiv Independent"`, want{cmd: Command{Name: "unsubscribe", Source: "Kyiv Independent"}}},
		{"resume topic", "resume world", want{cmd: Command{Name: "resume", Topic: "world"}}},
		{"resume source", "!brief RESUME source:BBC", want{cmd: Command{Name: "resume", Source: "BBC"}}},

		// filter
		{"filter include word", "filter border-developments include kursk", want{cmd: Command{Name: "filter", Topic: "border-developments", Sub: "include"}, terms: []string{"kursk"}}},
		{"filter exclude phrase and regex", `filter x EXCLUDE "border crossing" /kursk/i`, want{cmd: Command{Name: "filter", Topic: "x", Sub: "exclude"}, terms: []string{`"border crossing"`, "/kursk/i"}}},
		{"filter quoted regex with spaces", `filter x include "/border (crossing|closure)/"`, want{cmd: Command{Name: "filter", Topic: "x", Sub: "include"}, terms: []string{`"/border (crossing|closure)/"`}}},
		{"filter prefix and cyrillic", "filter x include kursk* Белгород", want{cmd: Command{Name: "filter", Topic: "x", Sub: "include"}, terms: []string{"kursk*", "Белгород"}}},
		{"filter smart quoted phrase", "filter x include “drone strike”", want{cmd: Command{Name: "filter", Topic: "x", Sub: "include"}, terms: []string{`"drone strike"`}}},
		{"filter on a source relay", `filter source:"Kyiv Independent" exclude sport*`, want{cmd: Command{Name: "filter", Source: "Kyiv Independent", Sub: "exclude"}, terms: []string{"sport*"}}},
		{"filter clear", "filter x CLEAR", want{cmd: Command{Name: "filter", Topic: "x", Sub: "clear"}}},
		{"filter quoted include is a topic", `filter "include" clear`, want{cmd: Command{Name: "filter", Topic: "include", Sub: "clear"}}},

		// watch, unwatch
		{"watch", "watch kursk-drones drone Kursk", want{cmd: Command{Name: "watch", Name2: "kursk-drones", Words: []string{"drone", "Kursk"}}}},
		{"watch cyrillic name and words", "watch Дрони_1 дрон Суми", want{cmd: Command{Name: "watch", Name2: "Дрони_1", Words: []string{"дрон", "Суми"}}}},
		{"watch phrase", `WATCH w "border crossing"`, want{cmd: Command{Name: "watch", Name2: "w", Words: []string{"border crossing"}}}},
		{"watch 40 char name", "watch " + strings.Repeat("a", 40) + " x", want{cmd: Command{Name: "watch", Name2: strings.Repeat("a", 40), Words: []string{"x"}}}},
		{"unwatch", "unwatch kursk-drones", want{cmd: Command{Name: "unwatch", Name2: "kursk-drones"}}},
		{"unwatch reserved word allowed", "unwatch all", want{cmd: Command{Name: "unwatch", Name2: "all"}}},

		// digest
		{"digest", "digest", want{cmd: Command{Name: "digest"}}},
		{"digest topic", "/brief digest World", want{cmd: Command{Name: "digest", Topic: "World"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.line)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.line, err)
			}
			var terms []string
			for _, term := range got.Terms {
				if (term.Text == "") == (term.Regexp == nil) {
					t.Errorf("term %v: want exactly one of Text and Regexp", term)
				}
				terms = append(terms, term.String())
			}
			got.Terms = nil
			if !reflect.DeepEqual(got, tt.want.cmd) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.line, got, tt.want.cmd)
			}
			if !slices.Equal(terms, tt.want.terms) {
				t.Errorf("Parse(%q) terms = %q, want %q", tt.line, terms, tt.want.terms)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	long := func(cmd string) string { return cmd + strings.Repeat(" word", 400) } // 2000+ chars
	tests := []struct {
		name    string
		line    string
		command string   // UsageError.Command; its usage must be in the message
		contain []string // more substrings of the message
	}{
		// help
		{"help too many", "help latest search", "help", []string{"too many arguments", `"search"`}},
		{"help unknown command", "help subscibe", "help", []string{`unknown command "subscibe"`, `did you mean "subscribe"?`}},
		{"help unterminated quote", `help "latest`, "help", []string{"unterminated quote"}},
		{"help overlong", long("help"), "help", []string{"too long", "limit is 2000"}},

		// no-argument commands
		{"topics with argument", "topics all", "topics", []string{`takes no arguments (got "all")`}},
		{"topics overlong", long("topics"), "topics", []string{"too long"}},
		{"status with argument", "status now", "status", []string{"takes no arguments"}},
		{"status unterminated", "status “now", "status", []string{"unterminated quote"}},
		{"subscriptions with argument", "subscriptions x", "subscriptions", []string{"takes no arguments"}},
		{"subscriptions overlong", long("/brief subscriptions"), "subscriptions", []string{"too long"}},

		// sources
		{"sources unknown action", "sources list", "sources", []string{`unknown action "list"`}},
		{"sources typo action", "sources ad https://a.org", "sources", []string{`did you mean "add"?`}},
		{"sources add missing url", "sources add", "sources", []string{"needs a feed URL"}},
		{"sources add extra", "sources add https://a.org/rss more", "sources", []string{"too many arguments", `"more"`}},
		{"sources add ftp", "sources add ftp://a.org/rss", "sources", []string{"only http and https"}},
		{"sources add no scheme", "sources add example.com/feed", "sources", []string{"must start with http:// or https://", `did you mean "https://example.com/feed"?`}},
		{"sources add no host", "sources add https://", "sources", []string{"no host"}},
		{"sources add spaces", `sources add "https://a b.org/rss"`, "sources", []string{"cannot contain spaces"}},
		{"sources add bad url", "sources add http://[::1", "sources", []string{"not a valid URL"}},
		{"sources remove missing", "sources remove", "sources", []string{"needs a source name"}},
		{"sources remove empty source", "sources remove source:", "sources", []string{"needs a source name"}},
		{"sources remove unquoted spaces", "sources remove Kyiv Independent", "sources", []string{"too many arguments", "quotes"}},
		{"sources remove unterminated", `sources remove "Kyiv Independent`, "sources", []string{"unterminated quote"}},
		{"sources overlong", long("sources add"), "sources", []string{"too long"}},

		// latest
		{"latest 500", "latest 500", "latest", []string{"N must be 1 to 50 (got 500)"}},
		{"latest 0", "latest 0", "latest", []string{"N must be 1 to 50 (got 0)"}},
		{"latest negative", "latest world -1", "latest", []string{"N must be 1 to 50 (got -1)"}},
		{"latest huge", "latest 99999999999999999999999", "latest", []string{"N must be 1 to 50"}},
		{"latest N not a number", "latest world abc", "latest", []string{`N must be a number from 1 to 50 (got "abc")`}},
		{"latest N before topic", "latest 10 world", "latest", []string{"put the topic before N", "latest world 10"}},
		{"latest N twice", "latest 5 5", "latest", []string{"give N only once"}},
		{"latest too many", "latest border developments 5", "latest", []string{"too many arguments"}},
		{"latest source not allowed", "latest source:BBC", "latest", []string{"topic, not a source"}},
		{"latest unterminated", "latest 'world", "latest", []string{"unterminated quote"}},
		{"latest overlong", long("latest"), "latest", []string{"too long"}},

		// search
		{"search no words", "search", "search", []string{"at least one word"}},
		{"ask no words", "ask", "search", []string{"at least one word"}},
		{"search only empty quotes", `search ""`, "search", []string{"at least one word"}},
		{"search unterminated", `search "border crossing`, "search", []string{`unterminated quote (a " has no closing ")`}},
		{"ask unterminated smart", "ask ‘border crossing", "search", []string{"unterminated quote"}},
		{"search overlong", long("search"), "search", []string{"too long"}},

		// story
		{"story missing id", "story", "story", []string{"needs a story id"}},
		{"story extra", "story s1 s2", "story", []string{"too many arguments"}},
		{"story bad id", "story s1!x", "story", []string{"letters, digits"}},
		{"story long id", "story " + strings.Repeat("a", 65), "story", []string{"at most 64"}},
		{"story unterminated", `story "s1`, "story", []string{"unterminated quote"}},
		{"story overlong", long("story"), "story", []string{"too long"}},

		// subscribe
		{"subscribe missing target", "subscribe", "subscribe", []string{"needs a topic or source:NAME"}},
		{"subscribe empty source", "subscribe source:", "subscribe", []string{"source: needs a name"}},
		{"subscribe empty quoted source", `subscribe source:""`, "subscribe", []string{"source: needs a name"}},
		{"subscribe backfill without N", "subscribe x daily backfill", "subscribe", []string{"backfill needs a number"}},
		{"subscribe backfill 0", "subscribe x backfill 0", "subscribe", []string{"backfill N must be 1 to 50 (got 0)"}},
		{"subscribe backfill 51", "subscribe x backfill 51", "subscribe", []string{"backfill N must be 1 to 50 (got 51)"}},
		{"subscribe backfill word", "subscribe x backfill ten", "subscribe", []string{`backfill N must be a number from 1 to 50 (got "ten")`}},
		{"subscribe backfill not last", "subscribe x backfill 5 daily", "subscribe", []string{"must come last", `"daily"`}},
		{"subscribe unterminated schedule", `subscribe x cron "0 8 * * *`, "subscribe", []string{"unterminated quote"}},
		{"subscribe overlong", long("subscribe x"), "subscribe", []string{"too long"}},

		// unsubscribe, resume
		{"unsubscribe missing", "unsubscribe", "unsubscribe", []string{"needs a topic, source:NAME or all"}},
		{"unsubscribe extra", "unsubscribe a b", "unsubscribe", []string{"too many arguments"}},
		{"unsubscribe empty source", "unsubscribe source:", "unsubscribe", []string{"source: needs a name"}},
		{"unsubscribe unterminated", "unsubscribe source:“Kyiv", "unsubscribe", []string{"unterminated quote"}},
		{"unsubscribe overlong", long("unsubscribe"), "unsubscribe", []string{"too long"}},
		{"resume missing", "resume", "resume", []string{"needs a topic or source:NAME"}},
		{"resume extra", "resume a b", "resume", []string{"too many arguments"}},
		{"resume unterminated", `resume "a`, "resume", []string{"unterminated quote"}},
		{"resume overlong", long("resume"), "resume", []string{"too long"}},

		// filter
		{"filter missing all", "filter", "filter", []string{"needs a topic"}},
		{"filter missing action", "filter x", "filter", []string{"needs include, exclude or clear"}},
		{"filter missing topic", "filter include kursk", "filter", []string{`needs a topic before "include"`}},
		{"filter include no terms", "filter x include", "filter", []string{"include needs at least one"}},
		{"filter exclude no terms", "filter x exclude", "filter", []string{"exclude needs at least one"}},
		{"filter typo action", "filter x inclde kursk", "filter", []string{`unknown action "inclde"`, `did you mean "include"?`}},
		{"filter clear extra", "filter x clear kursk", "filter", []string{"clear takes nothing"}},
		{"filter bad regex", "filter x include /kursk(/", "filter", []string{`bad regex "/kursk(/"`, "missing closing )"}},
		{"filter bad regex later", "filter x include ok /[z-a]/i", "filter", []string{"bad regex", "invalid character class range"}},
		{"filter regex not closed", "filter x include /kursk", "filter", []string{"needs a closing /"}},
		{"filter empty regex", "filter x include //", "filter", []string{"empty regex"}},
		{"filter regex too long", "filter x include /" + strings.Repeat("a", 201) + "/", "filter", []string{"regex is too long (201 characters; the limit is 200)"}},
		{"filter star inside", "filter x include ku*rsk", "filter", []string{"* may only end a term"}},
		{"filter star after space", `filter x include "kursk *"`, "filter", []string{"* must follow a letter or digit"}},
		{"filter term without letters", "filter x include !!!", "filter", []string{"needs a letter or digit"}},
		{"filter source without name", "filter source: include x", "filter", []string{"source: needs a name"}},
		{"filter unterminated", `filter x include "/border (crossing`, "filter", []string{"unterminated quote"}},
		{"filter overlong", long("filter x include"), "filter", []string{"too long"}},

		// watch, unwatch
		{"watch missing", "watch", "watch", []string{"needs a name"}},
		{"watch missing words", "watch kursk", "watch", []string{"at least one word"}},
		{"watch bad name", "watch bad!name x", "watch", []string{"only letters, digits, - and _", `"bad!name"`}},
		{"watch name with space", `watch "two words" x`, "watch", []string{"only letters, digits"}},
		{"watch name too long", "watch " + strings.Repeat("a", 41) + " x", "watch", []string{"at most 40 characters (got 41)"}},
		{"watch reserved command", "watch help x", "watch", []string{`"help" is a reserved word`}},
		{"watch reserved all any case", "watch ALL x", "watch", []string{"reserved word"}},
		{"watch reserved alias", "watch ask x", "watch", []string{"reserved word"}},
		{"watch unterminated", `watch w "drone`, "watch", []string{"unterminated quote"}},
		{"watch overlong", long("watch w"), "watch", []string{"too long"}},
		{"unwatch missing", "unwatch", "unwatch", []string{"needs the name"}},
		{"unwatch extra", "unwatch a b", "unwatch", []string{"too many arguments"}},
		{"unwatch bad name", "unwatch a.b", "unwatch", []string{"only letters, digits"}},
		{"unwatch unterminated", `unwatch "a`, "unwatch", []string{"unterminated quote"}},
		{"unwatch overlong", long("unwatch"), "unwatch", []string{"too long"}},

		// digest
		{"digest extra", "digest a b", "digest", []string{"too many arguments"}},
		{"digest source not allowed", "digest source:BBC", "digest", []string{"topic, not a source"}},
		{"digest unterminated", `digest "a`, "digest", []string{"unterminated quote"}},
		{"digest overlong", long("digest"), "digest", []string{"too long"}},

		// lines that are not a known command
		{"unknown with suggestion", "subscibe x", "", []string{`unknown command "subscibe"`, `did you mean "subscribe"?`, "Try: help"}},
		{"unknown prefix match", "sub x", "", []string{`did you mean "subscribe"?`}},
		{"unknown alias typo", "aks x", "", []string{`did you mean "ask"?`}},
		{"unknown no suggestion", "xyzzy", "", []string{`unknown command "xyzzy". Try: help`}},
		{"prefix must be its own word", "/briefing", "", []string{`unknown command "/briefing"`}},
		{"unknown overlong", long("xyzzy"), "", []string{"too long", "Try: help"}},
		{"unknown cyrillic", "пошук дрон", "", []string{`unknown command "пошук"`}},
		{"invalid utf-8", "search \xff", "", []string{"not valid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.line)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.line, got)
			}
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) error %T, want *UsageError", tt.line, err)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("message is not one line: %q", msg)
			}
			if ue.Command != tt.command {
				t.Errorf("Command = %q, want %q (%s)", ue.Command, tt.command, msg)
			}
			if tt.command != "" {
				usage := Usage(tt.command)
				if ue.Usage != usage || !strings.Contains(msg, "Usage: "+usage) {
					t.Errorf("message %q lacks the usage %q", msg, usage)
				}
			}
			for _, s := range tt.contain {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"unknown command", "subscibe", `unknown command "subscibe" (did you mean "subscribe"?). Try: help`},
		{"bad N", "latest 500", `latest: N must be 1 to 50 (got 500). Usage: latest [topic] [N]`},
		{"long echo is cut", "story " + strings.Repeat("é", 70), `story: a story id is letters, digits, - and _, at most 64 (got "` + strings.Repeat("é", 60) + `…"). Usage: story <id>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.line)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse(%q) error\n got %v\nwant %s", tt.line, err, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"subscibe", "subscribe"},
		{"Lates", "latest"},
		{"serch", "search"},
		{"unsubscrbe", "unsubscribe"},
		{"he", "help"},          // prefix
		{"subscr", "subscribe"}, // prefix, first in table order
		{"ok", ""},              // two letters: distance 2 is too far
		{"xyzzy", ""},           // nothing near
		{"digests", "digest"},   // distance 1
		{"watchlist", ""},       // too far, not a prefix
		{"s", ""},               // one letter: no prefix guess
		{"топіки", ""},          // other script
		{"subscriptons", "subscriptions"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			if got := suggestCommand(tt.typed); got != tt.want {
				t.Errorf("suggestCommand(%q) = %q, want %q", tt.typed, got, tt.want)
			}
		})
	}
}

func TestNamesUsageHelp(t *testing.T) {
	names := Names()
	wantNames := []string{"help", "topics", "sources", "status", "latest", "search", "story", "subscribe",
		"unsubscribe", "subscriptions", "resume", "filter", "watch", "unwatch", "digest"}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("Names() = %q, want %q", names, wantNames)
	}
	names[0] = "changed"
	if Names()[0] != "help" {
		t.Fatal("Names() shares its slice with the caller")
	}
	help := Help()
	lines := strings.Split(strings.TrimSuffix(help, "\n"), "\n")
	if len(lines) != len(wantNames) {
		t.Fatalf("Help() has %d lines, want %d:\n%s", len(lines), len(wantNames), help)
	}
	for i, name := range wantNames {
		t.Run(name, func(t *testing.T) {
			u := Usage(name)
			if !strings.HasPrefix(u, name) {
				t.Errorf("Usage(%q) = %q", name, u)
			}
			if Usage(strings.ToUpper(name)) != u {
				t.Errorf("Usage is case-sensitive for %q", name)
			}
			if !strings.HasPrefix(lines[i], u+" ") || !strings.Contains(lines[i], " - ") {
				t.Errorf("help line %d = %q, want usage %q then a description", i, lines[i], u)
			}
			// Every command parses from its bare name or reports its usage.
			if _, err := Parse(name); err != nil {
				var ue *UsageError
				if !errors.As(err, &ue) || ue.Usage != u {
					t.Errorf("Parse(%q) error %v lacks usage", name, err)
				}
			}
		})
	}
	if Usage("ask") != Usage("search") {
		t.Error(`Usage("ask") differs from Usage("search")`)
	}
	if Usage("nope") != "" || Usage("") != "" {
		t.Error("Usage of an unknown command is not empty")
	}
}

func TestTermMatch(t *testing.T) {
	mustTerm := func(s string) Term {
		t.Helper()
		c, err := Parse("filter x include " + s)
		if err != nil || len(c.Terms) != 1 {
			t.Fatalf("term %s: %v", s, err)
		}
		return c.Terms[0]
	}
	tests := []struct {
		term string // as typed after "filter x include"
		text string
		want bool
	}{
		// whole words
		{"kursk", "Shelling in the Kursk region", true},
		{"kursk", "KURSK", true},
		{"kursk", "Kurskaya oblast", false},
		{"kursk", "(Kursk)", true},
		{"kursk", "Kursk-based units", true},
		{"kursk", "", false},
		// prefix with a trailing *
		{"kursk*", "Kurskaya oblast", true},
		{"kursk*", "Kursk", true},
		{"kursk*", "in Kursk’s border", true},
		{"kursk*", "Belgorod", false},
		{"белгород*", "Белгородской области", true},
		// phrases: the words in order, any spacing or punctuation between
		{`"border crossing"`, "the Border  Crossing was closed", true},
		{`"border crossing"`, "border, crossing", true},
		{`"border crossing"`, "crossing the border", false},
		{`"border crossing"`, "border crossings", false},
		{`"border cross*"`, "border crossings", true},
		{"“drone strike”", "A drone strike hit Sumy", true},
		{"Kyiv's", "Kyiv’s mayor said", true},
		// Cyrillic case-insensitivity
		{"Белгород", "в белгороде", false},
		{"Белгород", "ОБСТРІЛ: БЕЛГОРОД", true},
		{"КУРСК", "атака на курск", true},
		{"дрон", "Дрон над Сумами", true},
		{`"Курская область"`, "курская область", true},
		{"суми", "Сумська", false},
		{"ΟΔΟΣ", "οδος", true}, // final sigma folds with sigma
		// regexps
		{"/kursk/i", "KURSK region", true},
		{"/kursk/i", "Kurskaya", true}, // regexps match anywhere
		{"/kursk/", "KURSK region", false},
		{`"/border (crossing|closure)/"`, "a border closure today", true},
		{`"/border (crossing|closure)/"`, "border patrol", false},
		{"/курск/i", "КУРСК", true},
		{`/\bкурск/i`, "КУРСК", false}, // RE2 \b is ASCII-only: use a word term for Cyrillic words
		{"/^Sumy/", "Sumy: shelling", true},
		{"/^Sumy/", "In Sumy", false},
	}
	for _, tt := range tests {
		t.Run(tt.term+"~"+tt.text, func(t *testing.T) {
			if got := mustTerm(tt.term).Match(tt.text); got != tt.want {
				t.Errorf("%s.Match(%q) = %v, want %v", tt.term, tt.text, got, tt.want)
			}
		})
	}
	if (Term{}).Match("anything") {
		t.Error("zero Term matched")
	}
	if (Term{Text: "!!"}).Match("!!") {
		t.Error("a term without letters matched")
	}
}

func TestTermString(t *testing.T) {
	tests := []struct {
		typed, want string
	}{
		{"kursk", "kursk"},
		{"kursk*", "kursk*"},
		{`"border crossing"`, `"border crossing"`},
		{"‘border crossing’", `"border crossing"`},
		{"/kursk/i", "/kursk/i"},
		{"/kursk/", "/kursk/"},
		{`"/border (crossing|closure)/i"`, `"/border (crossing|closure)/i"`},
		{`'say "no" now'`, `'say "no" now'`},
		{"Kyiv's", "Kyiv's"},
		{"/(?i)/", "/(?i)/"},        // found by fuzzing: not "//i"
		{"/(?i)(?i)x/", "/(?i)x/i"}, // one (?i) becomes the flag
		{"/a/i/", "/a/i/"},          // ends in "/": the pattern is a/i
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			c, err := Parse("filter x include " + tt.typed)
			if err != nil {
				t.Fatal(err)
			}
			s := c.Terms[0].String()
			if s != tt.want {
				t.Errorf("String() = %s, want %s", s, tt.want)
			}
			// What String prints parses back to the same term.
			back, err := Parse("filter x include " + s)
			if err != nil || back.Terms[0].String() != s {
				t.Errorf("%s does not parse back: %v", s, err)
			}
		})
	}
	if got := (Term{Text: "a b"}).String(); got != `"a b"` {
		t.Errorf(`Term{Text: "a b"}.String() = %s`, got)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		wantErr  bool
	}{
		{"spaces tabs newlines", " a\tb \n c ", []string{"a", "b", "c"}, false},
		{"double quotes group", `a "b c" d`, []string{"a", "b c", "d"}, false},
		{"double quote inside a word", `source:"Kyiv Independent"x`, []string{"source:Kyiv Independentx"}, false},
		{"smart double quotes, mixed pair", "“a b\"", []string{"a b"}, false},
		{"single quotes at word start", "'a b' c", []string{"a b", "c"}, false},
		{"single quote after colon", "source:‘a b’", []string{"source:a b"}, false},
		{"apostrophes inside words", "Kyiv’s don't м'ясо", []string{"Kyiv’s", "don't", "м'ясо"}, false},
		{"apostrophe inside single quotes", "'Kyiv’s mayor'", []string{"Kyiv’s mayor"}, false},
		{"double inside single", `'say "no"'`, []string{`say "no"`}, false},
		{"empty and blank quotes dropped", `"" "  " a`, []string{"a"}, false},
		{"unterminated double", `a "b`, nil, true},
		{"unterminated single", "'b c", nil, true},
		{"single closes only at word end", "'a'b", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, err := tokenize(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("tokenize(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			var got []string
			for _, tok := range toks {
				got = append(got, tok.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "/brief", "help latest", "latest world 10", "latest 500", "search Белгород дрон",
		`subscribe source:"Kyiv Independent" cron "0 8 * * 1-5" Europe/Kyiv backfill 5`,
		"unsubscribe all", `filter x include "/border (crossing|closure)/" kursk* /kursk/i`,
		"filter x exclude “drone strike” ‘Kyiv’s mayor’", "watch w-1 drone", "unwatch w-1",
		"sources add <https://example.com/rss|x>", `sources remove "BBC`, "story s0123456789",
		"digest", "!BRIEF status", "subscibe", "source:'a b'", "filter x include /(?i)a/i",
		"filter x include 'a\"b c'", "search \xff\xfe", "filter 0 inClude /(?i)/",
	} {
		f.Add(s)
	}
	names := Names()
	f.Fuzz(func(t *testing.T, line string) {
		cmd, err := Parse(line)
		if err != nil {
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q): error %T is not a *UsageError", line, err)
			}
			msg := err.Error()
			if msg == "" || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("Parse(%q): message %q is not one line", line, msg)
			}
			if ue.Command != "" && (ue.Usage != Usage(ue.Command) || ue.Usage == "") {
				t.Fatalf("Parse(%q): usage %q does not belong to %q", line, ue.Usage, ue.Command)
			}
			return
		}
		if !slices.Contains(names, cmd.Name) {
			t.Fatalf("Parse(%q): Name %q is not in Names()", line, cmd.Name)
		}
		if cmd.N < 0 || cmd.N > maxN {
			t.Fatalf("Parse(%q): N = %d", line, cmd.N)
		}
		for _, term := range cmd.Terms {
			if (term.Text == "") == (term.Regexp == nil) {
				t.Fatalf("Parse(%q): term %+v does not have exactly one of Text and Regexp", line, term)
			}
			term.Match(line)
			s := term.String()
			back, err := Parse("filter x include " + s)
			if err != nil || len(back.Terms) != 1 || back.Terms[0].String() != s {
				t.Fatalf("Parse(%q): term %s does not parse back: %v", line, s, err)
			}
		}
	})
}

func TestSuggestNames(t *testing.T) {
	names := []string{"alliance-statements", "border-developments", "Kursk-Watch"}
	for word, want := range map[string]string{
		"bordr":               "border-developments",
		"border-developments": "border-developments",
		"alliance":            "alliance-statements",
		"kursk-wach":          "Kursk-Watch",
		"xyz":                 "",
		"weather":             "",
	} {
		if got := Suggest(word, names); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}
