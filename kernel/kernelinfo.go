package kernel

import (
	"context"
	"runtime"
	"strings"
)

type kernelInfoReply struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          languageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	HelpLinks             []helpLink   `json:"help_links"`
	Debugger              bool         `json:"debugger"`
}

type languageInfo struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Mimetype       string `json:"mimetype"`
	FileExtension  string `json:"file_extension"`
	PygmentsLexer  string `json:"pygments_lexer"`
	CodemirrorMode string `json:"codemirror_mode"`
}

type helpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

func (s *Server) kernelInfo(ctx context.Context, r *request) {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	s.reply(r, "kernel_info_reply", kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       "5.3",
		Implementation:        "goconc",
		ImplementationVersion: ImplementationVersion,
		LanguageInfo: languageInfo{
			Name:           "go",
			Version:        goVersion,
			Mimetype:       "text/x-go",
			FileExtension:  ".go",
			PygmentsLexer:  "go",
			CodemirrorMode: "go",
		},
		Banner: "goconc " + ImplementationVersion + ": Go " + goVersion + ", interpreted\n" +
			"Cells hold Go statements, declarations and imports; state carries from one cell to the next.",
		HelpLinks: []helpLink{
			{"Go documentation", "https://go.dev/doc/"},
			{"Go standard library", "https://pkg.go.dev/std"},
			{"Effective Go", "https://go.dev/doc/effective_go"},
		},
	})
}

type connectReply struct {
	Status      string `json:"status"`
	ShellPort   int    `json:"shell_port"`
	IOPubPort   int    `json:"iopub_port"`
	StdinPort   int    `json:"stdin_port"`
	HBPort      int    `json:"hb_port"`
	ControlPort int    `json:"control_port"`
}

// connect answers the deprecated connect_request with the kernel's ports.
func (s *Server) connect(ctx context.Context, r *request) {
	s.reply(r, "connect_reply", connectReply{
		Status:      "ok",
		ShellPort:   s.info.ShellPort,
		IOPubPort:   s.info.IOPubPort,
		StdinPort:   s.info.StdinPort,
		HBPort:      s.info.HBPort,
		ControlPort: s.info.ControlPort,
	})
}

type commInfoReply struct {
	Status string         `json:"status"`
	Comms  map[string]any `json:"comms"`
}

// commInfo reports the open comms: there are none, since the kernel
// registers no comm targets.
func (s *Server) commInfo(ctx context.Context, r *request) {
	s.reply(r, "comm_info_reply", commInfoReply{Status: "ok", Comms: map[string]any{}})
}

type commOpen struct {
	CommID     string `json:"comm_id"`
	TargetName string `json:"target_name"`
}

type commClose struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

// commOpen refuses a comm, as ipykernel does for a target it does not
// know: by closing it at once.
func (s *Server) commOpen(ctx context.Context, r *request) {
	var c commOpen
	if err := r.DecodeContent(&c); err != nil {
		s.log.Printf("%s: %v", r.channel, err)
		return
	}
	s.log.Printf("%s: no comm target %q; closing comm %s", r.channel, c.TargetName, c.CommID)
	s.publish(r.Message, "comm_close", commClose{CommID: c.CommID, Data: map[string]any{}})
}
