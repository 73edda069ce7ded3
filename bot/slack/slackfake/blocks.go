package slackfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Slack's Block Kit limits the fake enforces; past them a message is
// refused with invalid_blocks.
const (
	MaxBlocks          = 50    // blocks in a message
	MaxSectionText     = 3000  // characters of a section's text
	MaxHeaderText      = 150   // characters of a header's plain_text
	MaxSectionFields   = 10    // fields of a section
	MaxFieldText       = 2000  // characters of each section field
	MaxContextElements = 10    // elements of a context block
	MaxActionsElements = 25    // elements of an actions block
	MaxButtonText      = 75    // characters of a button's text
	MaxBlockID         = 255   // characters of a block_id or action_id
	MaxMarkdownText    = 12000 // characters of a markdown block
	MaxImageAltText    = 2000  // characters of an image's alt_text
)

// blockTypes are the block types Slack knows (those slack-go v0.35.0
// models); any other is invalid.
var blockTypes = map[string]bool{
	"section": true, "divider": true, "image": true, "actions": true, "context": true,
	"context_actions": true, "file": true, "input": true, "header": true, "rich_text": true,
	"call": true, "video": true, "markdown": true, "table": true, "data_table": true,
	"data_visualization": true, "task_card": true, "plan": true, "alert": true,
	"auth_provider": true, "card": true, "carousel": true, "container": true, "layout": true,
}

// checkBlocks validates a blocks argument. It returns the blocks as compact
// JSON, or an error code (invalid_blocks_format when it is not a JSON
// array of objects, invalid_blocks when a block breaks a rule) with
// Slack-style details such as
// "must be less than 51 items [json-pointer:/blocks]".
func checkBlocks(raw string) (json.RawMessage, []string, string) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(raw)); err != nil {
		return nil, []string{"invalid JSON"}, "invalid_blocks_format"
	}
	var blocks []map[string]any
	if err := json.Unmarshal(compact.Bytes(), &blocks); err != nil {
		return nil, []string{"must be an array of objects [json-pointer:/blocks]"}, "invalid_blocks_format"
	}
	if len(blocks) == 0 {
		return nil, nil, ""
	}

	var c blockChecker
	if len(blocks) > MaxBlocks {
		c.fail("/blocks", "must be less than %d items", MaxBlocks+1)
	}
	ids := map[string]bool{}
	for i, b := range blocks {
		ptr := "/blocks/" + strconv.Itoa(i)
		if id, ok := b["block_id"].(string); ok {
			c.length(ptr+"/block_id", id, 1, MaxBlockID)
			if ids[id] {
				c.fail(ptr+"/block_id", "duplicate block_id %q", id)
			}
			ids[id] = true
		}
		c.block(ptr, b)
	}
	if len(c.errs) > 0 {
		return nil, c.errs, "invalid_blocks"
	}
	return compact.Bytes(), nil, ""
}

// blockChecker collects rule violations.
type blockChecker struct{ errs []string }

func (c *blockChecker) fail(ptr, format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...)+" [json-pointer:"+ptr+"]")
}

// length checks a string's length in characters.
func (c *blockChecker) length(ptr, s string, minimum, maximum int) {
	switch n := utf8.RuneCountInString(s); {
	case n < minimum:
		c.fail(ptr, "must be more than %d characters", minimum-1)
	case n > maximum:
		c.fail(ptr, "must be less than %d characters", maximum+1)
	}
}

// items checks an array's length and returns it.
func (c *blockChecker) items(ptr string, v any, minimum, maximum int) []any {
	list, ok := v.([]any)
	if !ok {
		c.fail(ptr, "must be an array")
		return nil
	}
	switch n := len(list); {
	case n < minimum:
		c.fail(ptr, "must provide at least %d items", minimum)
	case n > maximum:
		c.fail(ptr, "must be less than %d items", maximum+1)
	}
	return list
}

// text checks a text object: plain_text (or mrkdwn unless plainOnly) with
// 1 to maximum characters.
func (c *blockChecker) text(ptr string, v any, maximum int, plainOnly bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		c.fail(ptr, "must be a text object")
		return
	}
	switch typ, _ := obj["type"].(string); {
	case typ == "plain_text":
	case typ == "mrkdwn" && !plainOnly:
	case plainOnly:
		c.fail(ptr+"/type", "must be plain_text")
	default:
		c.fail(ptr+"/type", "must be one of plain_text, mrkdwn")
	}
	s, _ := obj["text"].(string)
	c.length(ptr+"/text", s, 1, maximum)
}

func (c *blockChecker) block(ptr string, b map[string]any) {
	typ, _ := b["type"].(string)
	if !blockTypes[typ] {
		c.fail(ptr+"/type", "unsupported block type %q", typ)
		return
	}
	switch typ {
	case "section":
		text, hasText := b["text"]
		fields, hasFields := b["fields"]
		if !hasText && !hasFields {
			c.fail(ptr, "must contain text or fields")
		}
		if hasText {
			c.text(ptr+"/text", text, MaxSectionText, false)
		}
		if hasFields {
			for i, f := range c.items(ptr+"/fields", fields, 1, MaxSectionFields) {
				c.text(ptr+"/fields/"+strconv.Itoa(i), f, MaxFieldText, false)
			}
		}
		if acc, ok := b["accessory"].(map[string]any); ok {
			c.element(ptr+"/accessory", acc)
		}
	case "header":
		c.text(ptr+"/text", b["text"], MaxHeaderText, true)
	case "context":
		for i, e := range c.items(ptr+"/elements", b["elements"], 1, MaxContextElements) {
			if obj, ok := e.(map[string]any); ok && (obj["type"] == "plain_text" || obj["type"] == "mrkdwn") {
				c.text(ptr+"/elements/"+strconv.Itoa(i), obj, MaxSectionText, false)
			}
		}
	case "actions":
		for i, e := range c.items(ptr+"/elements", b["elements"], 1, MaxActionsElements) {
			if obj, ok := e.(map[string]any); ok {
				c.element(ptr+"/elements/"+strconv.Itoa(i), obj)
			} else {
				c.fail(ptr+"/elements/"+strconv.Itoa(i), "must be an object")
			}
		}
	case "image":
		_, url := b["image_url"].(string)
		_, file := b["slack_file"].(map[string]any)
		if !url && !file {
			c.fail(ptr, "must provide image_url or slack_file")
		}
		alt, _ := b["alt_text"].(string)
		c.length(ptr+"/alt_text", alt, 1, MaxImageAltText)
	case "markdown":
		s, _ := b["text"].(string)
		c.length(ptr+"/text", s, 1, MaxMarkdownText)
	}
}

// element checks the interactive elements whose limits matter here:
// buttons.
func (c *blockChecker) element(ptr string, e map[string]any) {
	if id, ok := e["action_id"].(string); ok {
		c.length(ptr+"/action_id", id, 1, MaxBlockID)
	}
	if e["type"] == "button" {
		c.text(ptr+"/text", e["text"], MaxButtonText, true)
		if v, ok := e["value"].(string); ok {
			c.length(ptr+"/value", v, 0, 2000)
		}
		if u, ok := e["url"].(string); ok {
			c.length(ptr+"/url", u, 1, 3000)
		}
	}
}
